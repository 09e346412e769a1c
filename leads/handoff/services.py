"""Writes of the lead lifecycle: stage changes, handoffs, first contacts and reassignments.
Every change of a lead's stage goes through `change_stage` (or `hand_off`, which is the
change to MQL); each locks the lead row first, so of two people acting on the same lead at
once the second one sees the first one's result and is refused.
"""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.notifications import notify
from leads.agreement import queries as agreement_queries
from leads.campaigns import stats
from leads.handoff import queries, sla, transitions, working_hours
from leads.handoff.transitions import TransitionRefused
from leads.models import (
    Assignment,
    Channel,
    HandoffAgreement,
    Lead,
    LeadEvent,
    RejectionReason,
    SlaClock,
    Stage,
)
from leads.models.campaigns import MAX_MONEY


class Conflict(TransitionRefused):
    """Someone else changed the lead first; the form the user acted on is out of date."""


def _locked(lead_id: int) -> Lead:
    try:
        return Lead.objects.select_for_update(of=("self",)).get(pk=lead_id)
    except Lead.DoesNotExist:
        raise TransitionRefused(_("This lead no longer exists.")) from None


def _check_expected(lead: Lead, expected: str | None) -> None:
    """A form shows a lead in one stage; when it moved on meanwhile, say so plainly."""
    if expected and lead.stage != expected:
        raise moved_on(lead)


def moved_on(lead: Lead) -> Conflict:
    moves = LeadEvent.objects.filter(lead=lead).exclude(kind=LeadEvent.Kind.EDIT)
    last = moves.select_related("by__user").last()
    who = last.by.name if last and last.by else _("someone else")
    return Conflict(
        _("%(who)s already moved this lead on: it is now %(stage)s. Nothing was changed.")
        % {"who": who, "stage": Stage(lead.stage).label}
    )


def _event(lead: Lead, *, by: Person | None, at: datetime, **fields) -> LeadEvent:
    return LeadEvent.objects.create(lead=lead, by=by, at=at, **fields)


# Assignment -----------------------------------------------------------------------------


class _Rotation:
    """Hands out owners in round-robin order, remembering the turn across a bulk handoff."""

    def __init__(self) -> None:
        self.orders: dict[int, list[Person]] = {}

    def owner_for(self, lead: Lead, agreement: HandoffAgreement) -> Person:
        if agreement.assignment == Assignment.SEGMENT_OWNER:
            owner = queries.segment_owner_in_sales(lead)
            if owner:
                return owner
        if agreement.pk not in self.orders:
            self.orders[agreement.pk] = queries.round_robin_order(agreement)
        order = self.orders[agreement.pk]
        if not order:
            raise TransitionRefused(
                _("There is no active salesperson to hand this lead to. Ask a sales manager.")
            )
        order.append(order.pop(0))
        return order[-1]


# Clocks ---------------------------------------------------------------------------------


def _start_clock(lead: Lead, kind: str, agreement: HandoffAgreement, now: datetime) -> SlaClock:
    hours = (
        agreement.accept_hours if kind == SlaClock.Kind.ACCEPT else agreement.first_contact_hours
    )
    calendar = working_hours.calendar_of(agreement)
    due = working_hours.deadline(now, hours, calendar)
    soon, urgent = sla.thresholds(started=now, due=due, calendar=calendar)
    return SlaClock.objects.create(
        lead=lead,
        kind=kind,
        agreement=agreement,
        owner=lead.owner,
        started_at=now,
        due_at=due,
        soon_at=soon,
        urgent_at=urgent,
    )


def _close_clocks(lead: Lead, now: datetime, *, outcome: str, met: str | None = None) -> None:
    """Stop the lead's running clocks; the one of kind `met` counts as done in time or late."""
    running = SlaClock.objects.filter(lead=lead, closed_at=None)
    if met:
        running.filter(kind=met).update(closed_at=now, met_at=now, outcome=outcome)
    running.update(closed_at=now, outcome=outcome)


# Stage changes --------------------------------------------------------------------------


@transaction.atomic(durable=True)
def change_stage(
    *,
    lead_id: int,
    to: str,
    by: Person,
    reason: str = "",
    note: str = "",
    expected: str | None = None,
    amount: Decimal | None = None,
    close_date: date | None = None,
) -> Lead:
    """Move a lead to another stage, if the rules allow it to this person now. Moving to
    opportunity takes the expected value and close date, to won the won amount and close
    date (today when not given); the deal is recorded with the stage event."""
    lead = _locked(lead_id)
    _check_expected(lead, expected)
    now = timezone.now()
    if to == Stage.MQL:
        in_force = agreement_queries.in_force_by_segment()
        _hand_off_one(lead, by=by, now=now, rotation=_Rotation(), in_force=in_force)
        return lead
    actor = queries.actor_of(by.user, lead)
    transitions.check(current=lead.stage, target=to, actor=actor, reason=reason)
    if to == Stage.REJECTED:
        _check_rejection(lead, reason=reason, note=note)
    today = timezone.localdate(now)
    deal = _deal_of(lead, to=to, amount=amount, close_date=close_date, today=today)
    previous = lead.stage
    _apply_stage_effects(lead, to=to, now=now)
    lead.stage, lead.updated_at = to, now
    lead.save(update_fields=["stage", "owner", "updated_at", *DEAL_FIELDS])
    _event(lead, by=by, at=now, from_stage=previous, to_stage=to, reason=reason, note=note, **deal)
    if to == Stage.REJECTED:
        _tell_marketing_of_rejection(lead, by=by)
    if deal:
        stats.refresh([lead.source_campaign_id])
    return lead


# The lead's fields that keep the latest state of its deal (the events keep the history).
DEAL_FIELDS = ["estimated_value", "won_amount", "close_date"]


def _deal_of(lead: Lead, *, to: str, amount, close_date, today: date) -> dict:
    """Check the deal's figures for this step, put them on the lead, and return what the
    stage event records. On the way to SQL the deal enters the pipeline with the lead's
    expected value as it stands; steps other than these four have no deal."""
    if to == Stage.SQL:
        return {"amount": lead.estimated_value}
    if to == Stage.OPPORTUNITY:
        if amount is None or close_date is None:
            raise TransitionRefused(_("Give the expected value and the expected close date."))
        _check_amount(amount)
        lead.estimated_value, lead.close_date = amount, close_date
        return {"amount": amount, "close_date": close_date}
    if to == Stage.WON:
        if amount is None:
            raise TransitionRefused(_("Give the amount the deal was won for."))
        _check_amount(amount)
        close_date = close_date or today
        if close_date > today:
            raise TransitionRefused(_("A deal is won on a day that has come; not in the future."))
        lead.won_amount, lead.close_date = amount, close_date
        return {"amount": amount, "close_date": close_date}
    if to == Stage.LOST:  # the last expected value is kept, the day it was lost noted
        lead.close_date = today
        return {"amount": lead.estimated_value, "close_date": today}
    return {}


def _check_amount(amount: Decimal) -> None:
    if not Decimal("0.01") <= amount <= MAX_MONEY or amount != amount.quantize(Decimal("0.01")):
        raise TransitionRefused(
            _("An amount is at least € 0.01 and at most € 9,999,999,999.99, in cents.")
        )


@transaction.atomic(durable=True)
def correct_deal(
    *, lead_id: int, by: Person, amount: Decimal, close_date: date, note: str = ""
) -> Lead:
    """Correct the figures of an open or won deal. The correction is an event of its own,
    so the history keeps what was recorded before."""
    lead = _locked(lead_id)
    if not queries.actor_of(by.user, lead).capacities & transitions.SALES:
        raise TransitionRefused(
            _("Only the salesperson who owns this lead, or a sales manager, may do this.")
        )
    if lead.stage not in queries.CORRECTABLE_DEALS:
        raise TransitionRefused(_("Only an opportunity or a won deal has figures to correct."))
    now = timezone.now()
    today = timezone.localdate(now)
    deal = _deal_of(lead, to=lead.stage, amount=amount, close_date=close_date, today=today)
    lead.updated_at = now
    lead.save(update_fields=["updated_at", *DEAL_FIELDS])
    _event(lead, by=by, at=now, kind=LeadEvent.Kind.VALUE, detail=lead.stage, note=note, **deal)
    stats.refresh([lead.source_campaign_id])
    return lead


def _check_rejection(lead: Lead, *, reason: str, note: str) -> None:
    if reason not in dict(queries.rejection_choices(lead)):
        raise TransitionRefused(_("Choose one of the agreed rejection reasons."))
    if reason == RejectionReason.OTHER and not note.strip():
        raise TransitionRefused(_("Explain “other” in a note, so marketing can learn from it."))


def _apply_stage_effects(lead: Lead, *, to: str, now: datetime) -> None:
    """What a stage change does to the clocks and the owner, besides the stage itself."""
    if to == Stage.SAL:
        _close_clocks(lead, now, outcome=to, met=SlaClock.Kind.ACCEPT)
        _start_clock(lead, SlaClock.Kind.FIRST_CONTACT, queries.agreement_for(lead), now)
    elif to == Stage.REJECTED:
        _close_clocks(lead, now, outcome=to, met=SlaClock.Kind.ACCEPT)
    elif to in (Stage.SQL, Stage.OPPORTUNITY):
        # Qualifying a lead means having spoken to it: that meets the first-contact clock.
        _close_clocks(lead, now, outcome=to, met=SlaClock.Kind.FIRST_CONTACT)
    else:
        _close_clocks(lead, now, outcome=to)
    if to == Stage.RECYCLED:
        lead.owner = None  # back to marketing's nurture


def _tell_marketing_of_rejection(lead: Lead, *, by: Person) -> None:
    handoff = (
        LeadEvent.objects.filter(lead=lead, to_stage=Stage.MQL)
        .select_related("by")
        .order_by("-at")
        .first()
    )
    if handoff and handoff.by and handoff.by.pk != by.pk:
        notify(
            recipients=[handoff.by],
            kind="lead_rejected",
            params={"lead": str(lead), "person": by.name},
            url=lead.get_absolute_url(),
            email=False,
        )


# Handoff --------------------------------------------------------------------------------


def _hand_off_one(
    lead: Lead, *, by: Person, now: datetime, rotation: _Rotation, in_force: dict
) -> Person:
    transitions.check(current=lead.stage, target=Stage.MQL, actor=queries.actor_of(by.user, lead))
    agreement = queries.agreement_for(lead, in_force)
    recycled = queries.recycled_at(lead) if lead.stage == Stage.RECYCLED else None
    problems = queries.criteria_problems(lead, agreement, now=now, recycled=recycled)
    if problems:
        raise TransitionRefused(
            _("This lead does not meet the agreed criteria for a handoff.")
            + " "
            + " ".join(problems)
        )
    owner = rotation.owner_for(lead, agreement)
    previous = lead.stage
    lead.stage, lead.owner, lead.updated_at = Stage.MQL, owner, now
    lead.save(update_fields=["stage", "owner", "updated_at"])
    _event(
        lead,
        by=by,
        at=now,
        from_stage=previous,
        to_stage=Stage.MQL,
        assigned_to=owner,
        detail=agreement.assignment,
    )
    _start_clock(lead, SlaClock.Kind.ACCEPT, agreement, now)
    notify(
        recipients=[owner],
        kind="lead_handed_off",
        params={"lead": str(lead)},
        url=lead.get_absolute_url(),
        email=False,
    )
    return owner


@transaction.atomic(durable=True)
def hand_off(*, lead_ids: Iterable[int], by: Person) -> tuple[list[Lead], list[tuple[Lead, str]]]:
    """Hand the leads to sales: (handed off, [(lead, why not)]). Leads that no longer
    qualify, e.g. because a colleague handed them off a moment ago, are reported, not lost."""
    ids = sorted(set(lead_ids))
    # Locked in id order, so two bulk handoffs of overlapping selections cannot deadlock.
    leads = list(
        Lead.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("fit__segment__owner__user", "fit__segment__owner__team")
        .order_by("pk")
    )
    now, rotation = timezone.now(), _Rotation()
    in_force = agreement_queries.in_force_by_segment()
    done, refused = [], []
    for lead in leads:
        if lead.stage not in (Stage.NEW, Stage.RECYCLED):  # e.g. a colleague was quicker
            refused.append((lead, str(moved_on(lead))))
            continue
        try:
            with transaction.atomic():
                _hand_off_one(lead, by=by, now=now, rotation=rotation, in_force=in_force)
        except TransitionRefused as refusal:
            refused.append((lead, str(refusal)))
        else:
            done.append(lead)
    return done, refused


# The queue ------------------------------------------------------------------------------


def choose_queue_view(*, person: Person, view: str) -> None:
    """Remember how this person reads the queue (cards or table)."""
    person.queue_view = view
    others = [field.name for field in Person._meta.fields if field.name != "queue_view"]
    person.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    Person.objects.filter(pk=person.pk).update(queue_view=view)


# First contact and reassignment ---------------------------------------------------------


@transaction.atomic(durable=True)
def log_first_contact(*, lead_id: int, by: Person, channel: str, note: str = "") -> Lead:
    lead = _locked(lead_id)
    if not queries.actor_of(by.user, lead).capacities & transitions.SALES:
        raise TransitionRefused(
            _("Only the salesperson who owns this lead, or a sales manager, may do this.")
        )
    if channel not in Channel.values:
        raise TransitionRefused(_("Choose how you made contact."))
    clock = SlaClock.objects.filter(
        lead=lead, kind=SlaClock.Kind.FIRST_CONTACT, closed_at=None
    ).first()
    if clock is None:
        done = LeadEvent.objects.filter(lead=lead, kind=LeadEvent.Kind.CONTACT).last()
        if done:
            raise Conflict(
                _("First contact was already logged by %(who)s. Nothing was changed.")
                % {"who": done.by.name if done.by else _("someone else")}
            )
        raise TransitionRefused(_("Accept the lead first; then log the first contact."))
    now = timezone.now()
    SlaClock.objects.filter(pk=clock.pk).update(closed_at=now, met_at=now, outcome="contact")
    _event(lead, by=by, at=now, kind=LeadEvent.Kind.CONTACT, detail=channel, note=note)
    return lead


@transaction.atomic(durable=True)
def reassign(
    *, lead_id: int, to_id: int, by: Person, note: str = "", expected_owner: int | None = None
) -> Lead:
    """Give a handed-off lead to another salesperson; its running clocks keep their
    deadlines (the customer has been waiting just as long)."""
    lead = _locked(lead_id)
    _check_reassigner(by)
    if expected_owner is not None and lead.owner_id != expected_owner:
        raise Conflict(
            _("Someone else already reassigned this lead. Nothing was changed; look again.")
        )
    target = _new_owner(to_id)
    _reassign_one(lead, target=target, by=by, note=note, now=timezone.now())
    _tell_new_owner(target, [lead], by=by)
    return lead


@transaction.atomic(durable=True)
def reassign_many(
    *, lead_ids: Iterable[int], to_id: int, by: Person, note: str = ""
) -> tuple[list[Lead], list[tuple[Lead, str]]]:
    """Give several handed-off leads to one person: (reassigned, [(lead, why not)]). A lead
    that cannot go (no longer in sales' hands, already theirs) is reported, not lost; the
    new owner gets one notification for all of them."""
    _check_reassigner(by)
    target = _new_owner(to_id)
    # Locked in id order, so two bulk actions on overlapping selections cannot deadlock.
    leads = list(
        Lead.objects.select_for_update(of=("self",)).filter(pk__in=set(lead_ids)).order_by("pk")
    )
    now = timezone.now()
    done, refused = [], []
    for lead in leads:
        try:
            with transaction.atomic():
                _reassign_one(lead, target=target, by=by, note=note, now=now)
        except TransitionRefused as refusal:
            refused.append((lead, str(refusal)))
        else:
            done.append(lead)
    _tell_new_owner(target, done, by=by)
    return done, refused


def _check_reassigner(by: Person) -> None:
    if not roles.can_reassign(by.user):
        raise TransitionRefused(_("Only a sales manager may reassign leads."))


def _new_owner(to_id: int) -> Person:
    """The person leads go to: only someone who can own a lead (roles.lead_owners)."""
    target = roles.lead_owners().filter(pk=to_id).first()
    if target is None:
        raise TransitionRefused(_("Choose an active salesperson."))
    return target


def _reassign_one(lead: Lead, *, target: Person, by: Person, note: str, now: datetime) -> None:
    if lead.stage not in queries.SALES_STAGES:
        raise TransitionRefused(_("Only leads that sales is working on can be reassigned."))
    if target.pk == lead.owner_id:
        raise TransitionRefused(_("%(name)s already owns this lead.") % {"name": target.name})
    lead.owner, lead.updated_at = target, now
    lead.save(update_fields=["owner", "updated_at"])
    SlaClock.objects.filter(lead=lead, closed_at=None).update(owner=target)
    _event(lead, by=by, at=now, kind=LeadEvent.Kind.REASSIGN, assigned_to=target, note=note)


def _tell_new_owner(target: Person, leads: list[Lead], *, by: Person) -> None:
    if len(leads) == 1:
        lead = leads[0]
        notify(
            recipients=[target],
            kind="lead_reassigned",
            params={"lead": str(lead), "person": by.name},
            url=lead.get_absolute_url(),
            email=False,
        )
    elif leads:
        notify(
            recipients=[target],
            kind="leads_reassigned",
            params={"count": len(leads), "person": by.name},
            url=reverse("leads:queue"),
            email=False,
        )
