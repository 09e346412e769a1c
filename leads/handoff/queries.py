"""Reads of the lifecycle: who acts in which capacity, the agreement that governs a lead
and its criteria, the timeline and marketing's lists (the sales queues are in queues.py).
Aggregation happens in the database."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from leads.agreement import queries as agreement_queries
from leads.handoff import queues, transitions
from leads.handoff.transitions import TransitionRefused
from leads.models import (
    HandoffAgreement,
    Lead,
    LeadEvent,
    LeadFit,
    RejectionReason,
    SlaClock,
    Stage,
)
from leads.models.agreement import requirable_field_label

LIST_PAGE = 50
# The stages in which sales works a lead: it can be reassigned, its clocks run.
SALES_STAGES = (Stage.MQL, Stage.SAL, Stage.SQL, Stage.OPPORTUNITY)
# The deals whose figures "Correct the deal" changes (services.correct_deal).
CORRECTABLE_DEALS = (Stage.OPPORTUNITY, Stage.WON)


# Who is acting --------------------------------------------------------------------------


def actor_of(user, lead: Lead) -> transitions.Actor:
    """The capacities in which this user acts on this lead, for the rule table."""
    capacities = set()
    if roles.acts_for_marketing(user):
        capacities.add(transitions.MARKETING)
    if roles.is_sales_manager(user):
        capacities.add(transitions.SALES_MANAGER)
    person = roles.person_of(user)
    if person is not None and lead.owner_id == person.pk and roles.works_in_sales(user):
        capacities.add(transitions.LEAD_OWNER)
    return transitions.Actor(frozenset(capacities))


# The agreement that governs a lead --------------------------------------------------------


def segment_id_of(lead: Lead) -> int | None:
    try:
        return lead.fit.segment_id
    except LeadFit.DoesNotExist:
        return None


def agreement_for(lead: Lead, in_force: dict | None = None) -> HandoffAgreement:
    """The segment's own version in force, else the company-wide one."""
    in_force = agreement_queries.in_force_by_segment() if in_force is None else in_force
    agreement = in_force.get(segment_id_of(lead)) or in_force.get(None)
    if agreement is None:
        raise TransitionRefused(
            _(
                "There is no approved handoff agreement yet: both managers approve one first, "
                "then leads can be handed off."
            )
        )
    return agreement


@dataclass(frozen=True)
class RecycleLock:
    """How long a lead recycled now waits before it may be handed off again."""

    days: int
    until: date  # the first day it may go again


def recycle_lock(lead: Lead, in_force: dict | None = None) -> RecycleLock | None:
    """The lock of the agreement that governs the lead, counted from now (None: no
    agreement is in force, so nothing locks it)."""
    try:
        agreement = agreement_for(lead, in_force)
    except TransitionRefused:
        return None
    until = timezone.localdate(timezone.now() + timedelta(days=agreement.recycle_days))
    return RecycleLock(agreement.recycle_days, until)


def recycled_at(lead: Lead) -> datetime | None:
    event = LeadEvent.objects.filter(lead=lead, to_stage=Stage.RECYCLED).order_by("-at").first()
    return event.at if event else None


def criteria_problems(
    lead: Lead,
    agreement: HandoffAgreement,
    *,
    now: datetime,
    recycled: datetime | None = None,
    name_missing: bool = True,
) -> list[str]:
    """Why this lead does not (yet) meet the agreement's MQL criteria; empty when it does.
    Missing fields are left out with `name_missing=False` (the lead page links to them).
    The same criteria as SQL, for whole lists, are in `meets_criteria` below."""
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
    missing = [requirable_field_label(name) for name in missing_fields(lead, agreement)]
    if missing and name_missing:
        problems.append(_("Missing: %(fields)s.") % {"fields": ", ".join(missing)})
    if recycled and now < recycled + timedelta(days=agreement.recycle_days):
        allowed = timezone.localdate(recycled + timedelta(days=agreement.recycle_days))
        problems.append(
            _("It was recycled recently; it may be handed off again from %(date)s.")
            % {"date": formats.date_format(allowed, "DATE_FORMAT")}
        )
    return problems


def missing_fields(lead: Lead, agreement: HandoffAgreement) -> list[str]:
    """The fields the agreement requires for a handoff that this lead lacks."""
    return [name for name in agreement.required_fields if getattr(lead, name) in ("", None)]


def meets_criteria(agreement: HandoffAgreement, now: datetime) -> Q:
    """`criteria_problems` as a filter on leads: no problem at all."""
    # A lead without a fit row scores 0, which a minimum of 0 accepts.
    q = Q(fit__score__gte=agreement.min_fit_score) if agreement.min_fit_score else Q()
    for name in agreement.required_fields:
        field = Lead._meta.get_field(name)
        q &= Q(**{f"{name}__isnull": False}) if field.null else ~Q(**{name: ""})
    recent = LeadEvent.objects.filter(
        lead=OuterRef("pk"),
        to_stage=Stage.RECYCLED,
        at__gt=now - timedelta(days=agreement.recycle_days),
    )
    return q & ~Q(Q(stage=Stage.RECYCLED) & Exists(recent))


def handoff_problems(lead: Lead) -> tuple[list[str], list[str]]:
    """Why this lead cannot be handed off now, for the lead page: (every reason in words,
    the required fields it lacks, so the page can link to them)."""
    try:
        agreement = agreement_for(lead)
    except TransitionRefused as refusal:
        return [str(refusal)], []
    recycled = recycled_at(lead) if lead.stage == Stage.RECYCLED else None
    problems = criteria_problems(
        lead, agreement, now=timezone.now(), recycled=recycled, name_missing=False
    )
    return problems, missing_fields(lead, agreement)


def rejection_choices(lead: Lead) -> list[tuple[str, str]]:
    """The reasons a rejection of this lead may give, as (code, label): those of the
    version it was handed off under (its running accept clock's) and of the version in
    force now. The form offers these and the service accepts exactly these."""
    clocks = SlaClock.objects.filter(lead=lead, kind=SlaClock.Kind.ACCEPT, closed_at=None)
    versions = [clock.agreement for clock in clocks.select_related("agreement")]
    return _merged_reasons([*versions, agreement_for(lead)])


def _merged_reasons(versions: list[HandoffAgreement]) -> list[tuple[str, str]]:
    merged = dict(choice for version in versions for choice in version.reason_choices())
    other = merged.pop(RejectionReason.OTHER, None)
    return list(merged.items()) + ([(RejectionReason.OTHER, other)] if other else [])


def round_robin_order(agreement: HandoffAgreement) -> list[Person]:
    """The agreement's salespeople, the one who least recently got a lead first."""
    people = roles.salespeople()
    pool = [person.pk for person in agreement.salespeople.all()] if agreement.pk else []
    if pool:
        people = people.filter(pk__in=pool)
    last = LeadEvent.objects.filter(assigned_to=OuterRef("pk")).order_by("-at").values("at")[:1]
    people = people.annotate(last_assigned=Subquery(last))
    return list(people.order_by(F("last_assigned").asc(nulls_first=True), "pk"))


def segment_owner_in_sales(lead: Lead) -> Person | None:
    """The owner of the lead's segment, when they are someone in sales who can take it."""
    try:
        segment = lead.fit.segment
    except LeadFit.DoesNotExist:
        return None
    owner = segment.owner if segment else None
    if owner is None or not owner.user.is_active or not roles.works_in_sales(owner.user):
        return None
    return owner


# The lead page ----------------------------------------------------------------------------


def timeline(lead: Lead) -> list[LeadEvent]:
    """Every event of the lead, oldest first: one query however long the history."""
    return list(
        LeadEvent.objects.filter(lead=lead)
        .select_related("by__user", "assigned_to__user")
        .order_by("at", "id")
    )


def lead_clocks(lead: Lead) -> list[SlaClock]:
    return list(SlaClock.objects.filter(lead=lead).order_by("started_at", "id"))


# Marketing's lists ----------------------------------------------------------------------


def ready_for_handoff(*, segment_id: int | None = None) -> QuerySet[Lead]:
    """New and recycled leads that meet the criteria of the agreement that governs them
    (their segment's own, else the company's), best fit first; of one segment when given."""
    in_force = agreement_queries.in_force_by_segment()
    company = in_force.get(None)
    now = timezone.now()
    segment_rules = {sid: agreement for sid, agreement in in_force.items() if sid is not None}
    match = Q(pk__in=[])
    for segment_id, agreement in segment_rules.items():
        match |= Q(fit__segment_id=segment_id) & meets_criteria(agreement, now)
    if company:
        others = ~Q(fit__segment_id__in=list(segment_rules)) | Q(fit__segment__isnull=True)
        match |= others & meets_criteria(company, now)
    leads = Lead.objects.filter(stage__in=[Stage.NEW, Stage.RECYCLED]).filter(match)
    if segment_id is not None:
        leads = leads.filter(fit__segment_id=segment_id)
    return leads.select_related("fit__segment").order_by("-fit__score", "-id")


# Counting every ready lead of a million would read them all; beyond this the page says
# "more than", which is all a marketer needs to know. The lead list counts as far
# (intake.queries.COUNT_CAP); 10,000 took 118 ms at a million leads, 1,000 takes 12.
READY_COUNT_CAP = 1_000
# The most leads one bulk handoff takes (all pages of the list): each gets an event, a
# clock and a notification in one transaction.
BULK_HANDOFF_MAX = 500
# The most leads one bulk reassignment takes when "all on every page" is ticked.
BULK_REASSIGN_MAX = 500


def count_up_to(items: QuerySet, cap: int) -> tuple[int, bool]:
    """(how many, whether there are more than `cap`): counts at most cap + 1 rows."""
    counted = items.order_by()[: cap + 1].count()
    return min(counted, cap), counted > cap


def rejected_leads(
    *, reason: str | None = None, by_id: int | None = None, segment_id: int | None = None
) -> QuerySet[LeadEvent]:
    """The rejections marketing has not decided on yet, the latest first: each lead still
    in "rejected" with its last rejection (who, when, why, the note), of one reason,
    salesperson or segment when asked. Read from the events by their (to_stage, at) index,
    or a rejection's (reason, at) or (by, at) one, so the newest page is found without
    sorting every rejection."""
    later = LeadEvent.objects.filter(
        lead=OuterRef("lead"), to_stage=Stage.REJECTED, at__gt=OuterRef("at")
    )
    events = LeadEvent.objects.filter(to_stage=Stage.REJECTED, lead__stage=Stage.REJECTED)
    if reason:
        events = events.filter(reason=reason)
    if by_id is not None:
        events = events.filter(by_id=by_id)
    if segment_id is not None:
        events = events.filter(fit__segment_id=segment_id)
    return (
        events.filter(~Exists(later))
        .select_related("lead__fit__segment", "by__user")
        .order_by("-at", "-id")
    )


def rejection_reason_choices() -> list[tuple[str, str]]:
    """Every reason a rejection may carry now: the built-in ones and those the agreements
    in force add, for the rejected list's filter."""
    in_force = agreement_queries.in_force_by_segment()
    builtin = [(code, str(label)) for code, label in RejectionReason.choices]
    merged = dict(builtin) | dict(_merged_reasons(list(in_force.values())))
    other = merged.pop(RejectionReason.OTHER)
    return [*merged.items(), (RejectionReason.OTHER, other)]


def top_rejection_reasons(*, days: int = 90, limit: int = 7) -> list[dict]:
    since = timezone.now() - timedelta(days=days)
    counted = (
        LeadEvent.objects.filter(to_stage=Stage.REJECTED, at__gte=since)
        .values("reason")
        .annotate(count=Count("*"))  # "*": read the event_rejection_reasons index only
        .order_by("-count", "reason")[:limit]
    )
    return [{"label": LeadEvent.label_of_reason(row["reason"]), **row} for row in counted]


def rejections_between(since: datetime, until: datetime, *, limit: int) -> list[LeadEvent]:
    """The latest rejections in [since, until), newest first (the weekly meeting's list)."""
    return list(
        LeadEvent.objects.filter(to_stage=Stage.REJECTED, at__gte=since, at__lt=until)
        .select_related("lead__fit__segment", "by__user")
        .order_by("-at", "-id")[:limit]
    )


def breaches_between(since: datetime, until: datetime, *, limit: int) -> list[SlaClock]:
    """Deadlines missed in [since, until), the latest first, with lead and salesperson."""
    return list(
        SlaClock.objects.filter(breached_at__gte=since, breached_at__lt=until)
        .select_related("lead", "owner__user")
        .order_by("-breached_at", "-id")[:limit]
    )


def lead_lifecycle(user, lead: Lead) -> dict:
    """The clock, the timeline and the steps this user may take, for the lead page."""
    actor = actor_of(user, lead)
    targets = transitions.allowed_targets(Stage(lead.stage), actor)
    clock = queues.queue_row(lead.pk)
    problems, missing = handoff_problems(lead) if Stage.MQL in targets else ([], [])
    return {
        "events": timeline(lead),
        "clocks": lead_clocks(lead),
        "clock": clock,
        "targets": [Stage(target) for target in targets],
        "can_hand_off_now": Stage.MQL in targets and not problems and not missing,
        "handoff_problems": problems,
        "handoff_missing": [(name, requirable_field_label(name)) for name in missing],
        "handoff_missing_labels": [requirable_field_label(name) for name in missing],
        "can_log_contact": bool(
            clock
            and clock.clock.kind == SlaClock.Kind.FIRST_CONTACT
            and actor.capacities & transitions.SALES
        ),
        "can_reassign": roles.can_reassign(user) and lead.stage in SALES_STAGES,
        "can_correct_deal": bool(actor.capacities & transitions.SALES)
        and lead.stage in CORRECTABLE_DEALS,
    }
