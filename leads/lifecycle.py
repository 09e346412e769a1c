"""Writes of the lead lifecycle: stage changes, handoffs, first contacts, reassignments and
the breach scan. Every change of a lead's stage goes through `change_stage` (or the handoff,
which is the change to MQL); each locks the lead row first, so of two people acting on the
same lead at once the second one sees the first one's result and is refused.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment.models import Person, Role, TeamCode
from alignment.notifications import notify
from leads import transitions, working_hours
from leads.models import (
    Assignment,
    Channel,
    HandoffAgreement,
    Lead,
    LeadEvent,
    LeadFit,
    RejectionReason,
    SlaClock,
    Stage,
)
from leads.models.lifecycle import REQUIRED_FIELDS
from leads.transitions import TransitionRefused

BREACH_BATCH = 1000
SALES_STAGES = (Stage.MQL, Stage.SAL, Stage.SQL, Stage.OPPORTUNITY)


class Conflict(TransitionRefused):
    """Someone else changed the lead first; the form the user acted on is out of date."""


# Who is acting ---------------------------------------------------------------------------


def actor_of(person: Person | None, lead: Lead) -> transitions.Actor:
    if person is None:
        return transitions.Actor(role="", team=None)
    return transitions.Actor(
        role=person.role,
        team=person.team.code if person.team_id else None,
        leads_all_teams=person.leads_all_teams,
        owns_lead=lead.owner_id == person.pk,
    )


def _locked(lead_id: int) -> Lead:
    try:
        return Lead.objects.select_for_update(of=("self",)).get(pk=lead_id)
    except Lead.DoesNotExist:
        raise TransitionRefused(_("This lead no longer exists.")) from None


def _check_expected(lead: Lead, expected: str | None) -> None:
    """A form shows a lead in one stage; when it moved on meanwhile, say so plainly."""
    if expected and lead.stage != expected:
        raise _moved_on(lead)


def _moved_on(lead: Lead) -> "Conflict":
    last = LeadEvent.objects.filter(lead=lead).select_related("by__user").last()
    who = last.by.name if last and last.by else _("someone else")
    return Conflict(
        _("%(who)s already moved this lead on: it is now %(stage)s. Nothing was changed.")
        % {"who": who, "stage": Stage(lead.stage).label}
    )


def _event(lead: Lead, *, by: Person | None, at: datetime, **fields) -> LeadEvent:
    return LeadEvent.objects.create(lead=lead, by=by, at=at, **fields)


# The agreement in force -----------------------------------------------------------------


def active_agreements() -> dict[int | None, HandoffAgreement]:
    """Active versions by segment id (None: the company-wide one)."""
    active = HandoffAgreement.objects.filter(status=HandoffAgreement.Status.ACTIVE)
    return {agreement.segment_id: agreement for agreement in active.prefetch_related("salespeople")}


def segment_id_of(lead: Lead) -> int | None:
    try:
        return lead.fit.segment_id
    except LeadFit.DoesNotExist:
        return None


def agreement_for(lead: Lead, active: dict | None = None) -> HandoffAgreement:
    """The segment's own active agreement, else the company-wide one."""
    active = active_agreements() if active is None else active
    agreement = active.get(segment_id_of(lead)) or active.get(None)
    if agreement is None:
        raise TransitionRefused(
            _(
                "There is no approved handoff agreement yet: both managers approve one first, "
                "then leads can be handed off."
            )
        )
    return agreement


def recycled_at(lead: Lead) -> datetime | None:
    event = LeadEvent.objects.filter(lead=lead, to_stage=Stage.RECYCLED).order_by("-at").first()
    return event.at if event else None


def criteria_problems(
    lead: Lead, agreement: HandoffAgreement, *, now: datetime, recycled: datetime | None = None
) -> list[str]:
    """Why this lead does not (yet) meet the agreement's MQL criteria; empty when it does."""
    problems = []
    try:
        score = lead.fit.score
    except LeadFit.DoesNotExist:
        score = 0
    if score < agreement.min_fit_score:
        problems.append(
            _("Its fit score %(score)s is below the agreed minimum of %(minimum)s.")
            % {"score": score, "minimum": agreement.min_fit_score}
        )
    missing = [
        str(REQUIRED_FIELDS[name])
        for name in agreement.required_fields
        if getattr(lead, name) in ("", None)
    ]
    if missing:
        problems.append(_("Missing: %(fields)s.") % {"fields": ", ".join(missing)})
    if recycled and now < recycled + timedelta(days=agreement.recycle_days):
        allowed = timezone.localtime(recycled + timedelta(days=agreement.recycle_days))
        problems.append(
            _("It was recycled recently; it may be handed off again from %(date)s.")
            % {"date": allowed.strftime("%d-%m-%Y")}
        )
    return problems


# Assignment -----------------------------------------------------------------------------


def active_salespeople():
    return Person.objects.filter(role=Role.SALESPERSON, user__is_active=True)


def round_robin_order(agreement: HandoffAgreement) -> list[Person]:
    """The agreement's salespeople, the one who least recently got a lead first."""
    pool = list(agreement.salespeople.all()) if agreement.pk else []
    people = (
        Person.objects.filter(pk__in=[p.pk for p in pool], user__is_active=True)
        if pool
        else active_salespeople()
    )
    last = LeadEvent.objects.filter(assigned_to=OuterRef("pk")).order_by("-at").values("at")[:1]
    people = people.annotate(last_assigned=Subquery(last)).select_related("user")
    return list(people.order_by(F("last_assigned").asc(nulls_first=True), "pk"))


def _segment_owner(lead: Lead) -> Person | None:
    """The segment's owner, when they are someone in sales who can take the lead."""
    try:
        segment = lead.fit.segment
    except LeadFit.DoesNotExist:
        return None
    owner = segment.owner if segment else None
    if owner is None or not owner.user.is_active:
        return None
    in_sales = owner.role == Role.SALESPERSON or (
        owner.role == Role.MANAGER
        and (owner.leads_all_teams or (owner.team_id and owner.team.code == TeamCode.SALES))
    )
    return owner if in_sales else None


class _Rotation:
    """Hands out owners in round-robin order, remembering the turn across a bulk handoff."""

    def __init__(self) -> None:
        self.orders: dict[int, list[Person]] = {}

    def owner_for(self, lead: Lead, agreement: HandoffAgreement) -> Person:
        if agreement.assignment == Assignment.SEGMENT_OWNER:
            owner = _segment_owner(lead)
            if owner:
                return owner
        if agreement.pk not in self.orders:
            self.orders[agreement.pk] = round_robin_order(agreement)
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
    due = working_hours.deadline(now, hours, agreement.calendar())
    return SlaClock.objects.create(
        lead=lead, kind=kind, agreement=agreement, owner=lead.owner, started_at=now, due_at=due
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
) -> Lead:
    """Move a lead to another stage, if the rules allow it to this person now."""
    lead = _locked(lead_id)
    _check_expected(lead, expected)
    now = timezone.now()
    if to == Stage.MQL:
        _hand_off(lead, by=by, now=now, rotation=_Rotation(), active=active_agreements())
        return lead
    transitions.check(current=lead.stage, target=to, actor=actor_of(by, lead), reason=reason)
    if to == Stage.REJECTED:
        _check_rejection(lead, reason=reason, note=note)
    previous = lead.stage
    _apply_stage_effects(lead, to=to, now=now)
    lead.stage, lead.updated_at = to, now
    lead.save(update_fields=["stage", "owner", "updated_at"])
    _event(lead, by=by, at=now, from_stage=previous, to_stage=to, reason=reason, note=note)
    if to == Stage.REJECTED:
        _tell_marketing_of_rejection(lead, by=by)
    return lead


def _check_rejection(lead: Lead, *, reason: str, note: str) -> None:
    """The reason must be one of the agreement in force, or of the version the lead was
    handed off under (its queue row offered that version's list)."""
    agreed = set(agreement_for(lead).rejection_reasons)
    clock = SlaClock.objects.filter(lead=lead, kind=SlaClock.Kind.ACCEPT, closed_at=None)
    for version in HandoffAgreement.objects.filter(pk__in=clock.values("agreement")):
        agreed |= set(version.rejection_reasons)
    if reason not in agreed:
        raise TransitionRefused(_("Choose one of the agreed rejection reasons."))
    if reason == RejectionReason.OTHER and not note.strip():
        raise TransitionRefused(_("Explain “other” in a note, so marketing can learn from it."))


def _apply_stage_effects(lead: Lead, *, to: str, now: datetime) -> None:
    """What a stage change does to the clocks and the owner, besides the stage itself."""
    if to == Stage.SAL:
        _close_clocks(lead, now, outcome=to, met=SlaClock.Kind.ACCEPT)
        agreement = agreement_for(lead)
        _start_clock(lead, SlaClock.Kind.FIRST_CONTACT, agreement, now)
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


def _hand_off(
    lead: Lead,
    *,
    by: Person,
    now: datetime,
    rotation: _Rotation,
    active: dict,
    note: str = "",
) -> Person:
    transitions.check(current=lead.stage, target=Stage.MQL, actor=actor_of(by, lead))
    agreement = agreement_for(lead, active)
    recycled = recycled_at(lead) if lead.stage == Stage.RECYCLED else None
    problems = criteria_problems(lead, agreement, now=now, recycled=recycled)
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
        note=note,
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
    now, rotation, active = timezone.now(), _Rotation(), active_agreements()
    done, refused = [], []
    for lead in leads:
        if lead.stage not in (Stage.NEW, Stage.RECYCLED):  # e.g. a colleague was quicker
            refused.append((lead, str(_moved_on(lead))))
            continue
        try:
            with transaction.atomic():
                _hand_off(lead, by=by, now=now, rotation=rotation, active=active)
        except TransitionRefused as refusal:
            refused.append((lead, str(refusal)))
        else:
            done.append(lead)
    return done, refused


# First contact and reassignment ---------------------------------------------------------


@transaction.atomic(durable=True)
def log_first_contact(*, lead_id: int, by: Person, channel: str, note: str = "") -> Lead:
    lead = _locked(lead_id)
    if not actor_of(by, lead).capacities() & transitions.SALES:
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


def reassignable_people():
    """Who a lead can be given to: active salespeople and sales managers."""
    sales = Q(role=Role.SALESPERSON) | Q(
        Q(role=Role.MANAGER) & (Q(team__code=TeamCode.SALES) | Q(leads_all_teams=True))
    )
    return (
        Person.objects.filter(sales, user__is_active=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


@transaction.atomic(durable=True)
def reassign(
    *, lead_id: int, to_id: int, by: Person, note: str = "", expected_owner: int | None = None
) -> Lead:
    """Give a handed-off lead to another salesperson; its running clocks keep their
    deadlines (the customer has been waiting just as long)."""
    lead = _locked(lead_id)
    if transitions.SALES_MANAGER not in actor_of(by, lead).capacities():
        raise TransitionRefused(_("Only a sales manager may reassign leads."))
    if lead.stage not in SALES_STAGES:
        raise TransitionRefused(_("Only leads that sales is working on can be reassigned."))
    if expected_owner is not None and lead.owner_id != expected_owner:
        raise Conflict(
            _("Someone else already reassigned this lead. Nothing was changed; look again.")
        )
    target = reassignable_people().filter(pk=to_id).first()
    if target is None:
        raise TransitionRefused(_("Choose an active salesperson."))
    if target.pk == lead.owner_id:
        raise TransitionRefused(_("%(name)s already owns this lead.") % {"name": target.name})
    now = timezone.now()
    lead.owner, lead.updated_at = target, now
    lead.save(update_fields=["owner", "updated_at"])
    SlaClock.objects.filter(lead=lead, closed_at=None).update(owner=target)
    _event(lead, by=by, at=now, kind=LeadEvent.Kind.REASSIGN, assigned_to=target, note=note)
    notify(
        recipients=[target],
        kind="lead_reassigned",
        params={"lead": str(lead), "person": by.name},
        url=lead.get_absolute_url(),
        email=False,
    )
    return lead


# Breach scan ----------------------------------------------------------------------------


def sales_managers() -> list[Person]:
    managers = Person.objects.filter(role=Role.MANAGER, user__is_active=True).filter(
        Q(team__code=TeamCode.SALES) | Q(leads_all_teams=True)
    )
    return list(managers.select_related("user"))


def scan_breaches(*, now: datetime | None = None, batch: int = BREACH_BATCH) -> int:
    """Flag every running clock past its deadline, once, and tell the owner and the sales
    managers. Batches commit one by one; a clock locked by a concurrent scan is skipped
    (that scan flags it), and a flagged clock is never selected again."""
    now = now or timezone.now()
    total = 0
    while True:
        flagged = _flag_batch(now=now, batch=batch)
        total += flagged
        if flagged < batch:
            return total


@transaction.atomic(durable=True)
def _flag_batch(*, now: datetime, batch: int) -> int:
    clocks = list(
        SlaClock.objects.filter(closed_at=None, breached_at=None, due_at__lte=now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("lead__owner__user")
        .order_by("due_at")[:batch]
    )
    if not clocks:
        return 0
    SlaClock.objects.filter(pk__in=[clock.pk for clock in clocks]).update(breached_at=now)
    LeadEvent.objects.bulk_create(
        LeadEvent(
            lead=clock.lead,
            at=now,
            kind=LeadEvent.Kind.BREACH,
            detail=clock.kind,
            assigned_to=clock.lead.owner,
        )
        for clock in clocks
    )
    managers = sales_managers()
    for clock in clocks:
        owner = [clock.lead.owner] if clock.lead.owner else []
        notify(
            recipients=owner + managers,
            kind=f"sla_breach_{clock.kind}",
            params={"lead": str(clock.lead), "owner": owner[0].name if owner else "—"},
            url=clock.lead.get_absolute_url(),
        )
    return len(clocks)
