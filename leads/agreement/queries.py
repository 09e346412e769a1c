"""Reads of the handoff agreement: the versions in force, drafts, history."""

from django.db.models import F, QuerySet

from alignment import roles
from alignment.roles import User
from leads.agreement import diff
from leads.models import HandoffAgreement, Segment

Status = HandoffAgreement.Status


def _in_force() -> QuerySet[HandoffAgreement]:
    return HandoffAgreement.objects.filter(status=Status.ACTIVE)


def in_force_by_segment() -> dict[int | None, HandoffAgreement]:
    """The versions in force by segment id (None: the company-wide one), with what a
    handoff reads (the rotation's salespeople)."""
    versions = _in_force().prefetch_related("salespeople")
    return {agreement.segment_id: agreement for agreement in versions}


def in_force_for_page() -> list[HandoffAgreement]:
    """Company-wide first, then the segment overrides by name, with all the page shows."""
    return list(
        _in_force()
        .select_related("segment", "created_by__user")
        .prefetch_related("salespeople__user", "approvals__by__user")
        .order_by(F("segment__name").asc(nulls_first=True))
    )


def drafts() -> QuerySet[HandoffAgreement]:
    return (
        HandoffAgreement.objects.filter(status=Status.DRAFT)
        .select_related("segment")
        .order_by(F("segment__name").asc(nulls_first=True))
    )


def drafts_awaiting(user: User) -> list[HandoffAgreement]:
    """The drafts that wait for this manager: a team they approve for has not approved
    yet, and they have not approved it themselves (nobody approves for both teams)."""
    teams = set(roles.approvable_teams(user))
    person = roles.person_of(user)
    if not teams or person is None:
        return []
    waiting = []
    for draft in drafts().prefetch_related("approvals"):
        given = list(draft.approvals.all())
        if teams - {a.team for a in given} and all(a.by_id != person.pk for a in given):
            waiting.append(draft)
    return waiting


def history() -> list[tuple[HandoffAgreement, list[diff.Change]]]:
    """Every version with what it changed against the version before it in its scope
    (nothing for a scope's first version)."""
    versions = list(
        HandoffAgreement.objects.select_related("segment", "created_by__user")
        .prefetch_related("approvals__by__user", "salespeople__user")
        .order_by(F("segment__name").asc(nulls_first=True), "segment_id", "-version")
    )
    rows = []
    for index, version in enumerate(versions):
        before = versions[index + 1] if index + 1 < len(versions) else None
        same_scope = before is not None and before.segment_id == version.segment_id
        changes = diff.changes(rules_of(before), rules_of(version)) if same_scope else []
        rows.append((version, changes))
    return rows


def rules_of(agreement: HandoffAgreement) -> dict:
    """What the diff compares: the rules and the rotation's names (prefetch salespeople)."""
    return agreement.rules() | {"salespeople": [p.name for p in agreement.salespeople.all()]}


def version_detail(pk: int) -> HandoffAgreement:
    return (
        HandoffAgreement.objects.select_related("segment", "created_by__user")
        .prefetch_related("salespeople__user", "approvals__by__user")
        .get(pk=pk)
    )


def compared_with(version: HandoffAgreement) -> HandoffAgreement | None:
    """What a version is read against: for a draft, the version in force of its scope (for
    a segment's first draft, the company-wide one it would override); for any other
    version, the one before it in its scope."""
    scope = HandoffAgreement.objects.prefetch_related("salespeople__user").select_related("segment")
    if version.status == Status.DRAFT:
        base = scope.filter(segment_id=version.segment_id, status=Status.ACTIVE).first()
        if base is None and version.segment_id is not None:
            base = scope.filter(segment__isnull=True, status=Status.ACTIVE).first()
        return base
    return (
        scope.filter(segment_id=version.segment_id, version__lt=version.version)
        .order_by("-version")
        .first()
    )


def current_version(segment_id: int | None) -> HandoffAgreement | None:
    """The scope's draft if there is one (that is what an editor continues), else the
    version in force."""
    versions = HandoffAgreement.objects.filter(
        segment_id=segment_id, status__in=[Status.DRAFT, Status.ACTIVE]
    ).prefetch_related("salespeople")
    by_status = {agreement.status: agreement for agreement in versions}
    return by_status.get(Status.DRAFT) or by_status.get(Status.ACTIVE)


def segments_for_overrides() -> QuerySet[Segment]:
    return Segment.objects.filter(active=True).order_by("name")
