"""Writes of the handoff agreement: drafting a version and approving it.

A version is a draft until the marketing manager and the sales manager have both approved
it; the second approval makes it the active version of its scope (the whole company or
one segment) and retires the one before. Changing an active version makes a new draft.

Each step tells who must act next (notification and email): a new draft the managers who
approve, one team's approval the other team's managers, a version in force everyone in
both teams.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person, TeamCode
from alignment.notifications import notify
from leads.models import AgreementApproval, HandoffAgreement, Segment

Status = HandoffAgreement.Status


class AgreementRefused(Exception):
    """An agreement change or approval the rules do not allow; the message says why."""


def _scope(segment: Segment | None):
    return HandoffAgreement.objects.filter(segment=segment)


# Advisory locks of the agreement take the two-number form: this class and the segment's id
# (0 for the company-wide agreement), so they never meet the scoring lock.
AGREEMENT_LOCK_CLASS = 0x616C6E02


def _lock_scope(segment: Segment | None) -> None:
    """Two managers starting the first draft of a scope at once take turns: row locks
    cannot help while the scope has no rows yet. (SQLite has one writer at a time.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [AGREEMENT_LOCK_CLASS, segment.pk if segment else 0],
            )


@transaction.atomic(durable=True)
def save_draft(
    *,
    segment: Segment | None,
    values: dict,
    salespeople: list[Person],
    by: Person,
    revision: int | None = None,
) -> HandoffAgreement:
    """Change the scope's draft, or start one from the active version. `revision` is the
    draft's revision the editor's form was built from: 0 when the form started a new draft
    (drafts start at 1, so a draft made meanwhile is a conflict); None skips the check."""
    if not roles.can_edit_agreement(by.user):
        raise AgreementRefused(_("Only a manager of marketing or sales may change the agreement."))
    outsiders = {p.pk for p in salespeople} - set(roles.salespeople().values_list("pk", flat=True))
    if outsiders:
        raise AgreementRefused(_("Only active salespeople take turns in the round robin."))
    _lock_scope(segment)
    versions = list(_scope(segment).select_for_update().order_by("-version"))
    draft = next((v for v in versions if v.status == Status.DRAFT), None)
    if draft and revision is not None and draft.revision != revision:
        raise AgreementRefused(
            _(
                "Someone else changed this draft while you were editing it. Nothing was saved; "
                "open it again to see their changes."
            )  # fmt: skip
        )
    withdrawn: list[Person] = []
    is_new = draft is None
    if draft is None:
        number = (versions[0].version if versions else 0) + 1
        draft = HandoffAgreement(segment=segment, version=number, created_by=by)
    else:
        draft.revision += 1
        # The approvals were given to the text as it was.
        approvals = AgreementApproval.objects.filter(agreement=draft).select_related("by__user")
        withdrawn = [approval.by for approval in approvals]
        approvals.delete()
    for name, value in values.items():
        setattr(draft, name, value)
    draft.full_clean()
    draft.save()
    draft.salespeople.set(salespeople)
    if is_new:
        _tell(draft, "agreement_draft", roles.agreement_approvers(), by=by)
    else:
        _tell(draft, "agreement_draft_changed", withdrawn, by=by)
    return draft


@transaction.atomic(durable=True)
def approve(*, agreement_id: int, team: str, by: Person, revision: int) -> HandoffAgreement:
    agreement = HandoffAgreement.objects.select_for_update().get(pk=agreement_id)
    if not roles.can_approve_agreement(by.user, team):
        raise AgreementRefused(_("Only a manager of that team may approve for it."))
    if agreement.status != Status.DRAFT:
        raise AgreementRefused(_("This version is no longer a draft; nothing was changed."))
    if agreement.revision != revision:
        raise AgreementRefused(
            _("The draft changed after you opened it. Read it again before you approve.")
        )
    given = list(agreement.approvals.all())
    if any(approval.team == team for approval in given):
        raise AgreementRefused(_("This team has already approved this version."))
    if any(approval.by_id == by.pk for approval in given):
        raise AgreementRefused(
            _(
                "You approved this version already. The other team's manager approves it too: "
                "the rules are agreed, not imposed."
            )  # fmt: skip
        )
    AgreementApproval.objects.create(agreement=agreement, team=team, by=by)
    approved = {approval.team for approval in given} | {team}
    if approved >= {TeamCode.MARKETING, TeamCode.SALES}:
        _activate(agreement)
        _tell(agreement, "agreement_in_force", roles.funnel_people(), by=by)
    else:
        # Who approved already cannot approve again (the director approves for one team).
        already = {approval.by_id for approval in given}
        (missing,) = {TeamCode.MARKETING, TeamCode.SALES} - approved
        waiting = [p for p in roles.agreement_approvers(missing) if p.pk not in already]
        _tell(agreement, "agreement_approved", waiting, by=by)
    return agreement


def _tell(agreement: HandoffAgreement, kind: str, people: Iterable[Person], *, by: Person) -> None:
    """Notify (and email) the people, except the one who acted: they know."""
    segment = agreement.segment
    notify(
        recipients=[person for person in people if person.pk != by.pk],
        kind=f"{kind}_segment" if segment else kind,
        params={
            "person": by.name,
            "version": agreement.version,
            "segment": segment.name if segment else "",
        },
        url=reverse("leads:agreement_version", args=[agreement.pk]),
    )


def _activate(agreement: HandoffAgreement) -> None:
    """Retire the scope's active version, then put this one in force."""
    _scope(agreement.segment).filter(status=Status.ACTIVE).update(status=Status.SUPERSEDED)
    agreement.status, agreement.activated_at = Status.ACTIVE, timezone.now()
    agreement.save(update_fields=["status", "activated_at"])
