"""Reads of the handoff agreement: the versions in force, drafts, history."""

from django.db.models import F, QuerySet

from alignment import roles
from alignment.roles import User
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


def history() -> list[HandoffAgreement]:
    return list(
        HandoffAgreement.objects.select_related("segment", "created_by__user")
        .prefetch_related("approvals__by__user")
        .order_by(F("segment__name").asc(nulls_first=True), "-version")
    )


def version_detail(pk: int) -> HandoffAgreement:
    return (
        HandoffAgreement.objects.select_related("segment", "created_by__user")
        .prefetch_related("salespeople__user", "approvals__by__user")
        .get(pk=pk)
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
