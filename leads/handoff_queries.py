"""Reads of the lifecycle and the handoff agreement: queues, the timeline, the lists for
marketing, and the SLA figures the dashboard uses. Aggregation happens in the database."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from alignment.models import Person
from leads import lifecycle, sla
from leads.models import (
    HandoffAgreement,
    Lead,
    LeadEvent,
    SlaClock,
    Stage,
)

QUEUE_PAGE = 25
LIST_PAGE = 50


# Queue ----------------------------------------------------------------------------------


@dataclass
class QueueRow:
    clock: SlaClock
    lead: Lead
    status: sla.ClockStatus


def _row(clock: SlaClock, now: datetime) -> QueueRow:
    status = sla.status(
        now=now, started=clock.started_at, due=clock.due_at, calendar=clock.agreement.calendar()
    )
    return QueueRow(clock=clock, lead=clock.lead, status=status)


def queue(*, owners: list[int] | None, number: int = 1) -> tuple[list[QueueRow], bool]:
    """Running clocks of these owners' leads (None: the whole team), most urgent first:
    (one page of rows, whether there is a next page). Three queries whatever the size."""
    clocks = SlaClock.objects.filter(closed_at=None).select_related(
        "agreement", "lead__fit__segment", "lead__owner__user"
    )
    if owners is not None:
        clocks = clocks.filter(owner_id__in=owners)
    start = (number - 1) * QUEUE_PAGE
    page = list(clocks.order_by("due_at", "lead_id")[start : start + QUEUE_PAGE + 1])
    now = timezone.now()
    calendars: dict[int, object] = {}
    rows = []
    for clock in page[:QUEUE_PAGE]:
        # One calendar object per agreement version, not one per row.
        calendars.setdefault(clock.agreement_id, clock.agreement)
        clock.agreement = calendars[clock.agreement_id]
        rows.append(_row(clock, now))
    return rows, len(page) > QUEUE_PAGE


def queue_row(lead_id: int) -> QueueRow | None:
    """The lead's running clock as a queue row, after an action (None: nothing running)."""
    clock = (
        SlaClock.objects.filter(lead_id=lead_id, closed_at=None)
        .select_related("agreement", "lead__fit__segment", "lead__owner__user")
        .order_by("due_at")
        .first()
    )
    return _row(clock, timezone.now()) if clock else None


def queue_summary(*, owners: list[int] | None) -> dict[str, int]:
    """How many leads wait in the whole queue and how many are past their deadline."""
    clocks = SlaClock.objects.filter(closed_at=None)
    if owners is not None:
        clocks = clocks.filter(owner_id__in=owners)
    return clocks.aggregate(
        waiting=Count("id"), overdue=Count("id", filter=Q(due_at__lte=timezone.now()))
    )


# Timeline -------------------------------------------------------------------------------


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


def _meets(agreement: HandoffAgreement, now: datetime) -> Q:
    q = Q(fit__score__gte=agreement.min_fit_score)
    for name in agreement.required_fields:
        field = Lead._meta.get_field(name)
        q &= Q(**{f"{name}__isnull": False}) if field.null else ~Q(**{name: ""})
    recent = LeadEvent.objects.filter(
        lead=OuterRef("pk"),
        to_stage=Stage.RECYCLED,
        at__gt=now - timedelta(days=agreement.recycle_days),
    )
    return q & ~Q(Q(stage=Stage.RECYCLED) & Exists(recent))


def ready_for_handoff() -> QuerySet[Lead]:
    """New and recycled leads that meet the criteria of the agreement that governs them
    (their segment's own, else the company's), best fit first."""
    active = lifecycle.active_agreements()
    company = active.get(None)
    now = timezone.now()
    segment_rules = {sid: agreement for sid, agreement in active.items() if sid is not None}
    match = Q(pk__in=[])
    for segment_id, agreement in segment_rules.items():
        match |= Q(fit__segment_id=segment_id) & _meets(agreement, now)
    if company:
        others = ~Q(fit__segment_id__in=list(segment_rules)) | Q(fit__segment__isnull=True)
        match |= others & _meets(company, now)
    return (
        Lead.objects.filter(stage__in=[Stage.NEW, Stage.RECYCLED])
        .filter(match)
        .select_related("fit__segment")
        .order_by("-fit__score", "-id")
    )


def rejected_leads() -> QuerySet[LeadEvent]:
    """The rejections marketing has not decided on yet, the latest first: each lead still
    in "rejected" with its last rejection (who, when, why). Read from the events by their
    (to_stage, at) index, so the newest page is found without sorting every rejection."""
    later = LeadEvent.objects.filter(
        lead=OuterRef("lead"), to_stage=Stage.REJECTED, at__gt=OuterRef("at")
    )
    return (
        LeadEvent.objects.filter(to_stage=Stage.REJECTED, lead__stage=Stage.REJECTED)
        .filter(~Exists(later))
        .select_related("lead__fit__segment", "by__user")
        .order_by("-at", "-id")
    )


def top_rejection_reasons(*, days: int = 90, limit: int = 7) -> list[dict]:
    since = timezone.now() - timedelta(days=days)
    counted = (
        LeadEvent.objects.filter(to_stage=Stage.REJECTED, at__gte=since)
        .values("reason")
        .annotate(count=Count("id"))
        .order_by("-count", "reason")[:limit]
    )
    labels = LeadEvent(reason="")
    rows = []
    for row in counted:
        labels.reason = row["reason"]
        rows.append({"reason": row["reason"], "label": labels.reason_label, "count": row["count"]})
    return rows


def page_of(items: QuerySet, number: int, size: int = LIST_PAGE) -> tuple[list, bool]:
    start = (number - 1) * size
    rows = list(items[start : start + size + 1])
    return rows[:size], len(rows) > size


# SLA figures for the dashboard ----------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    on_time: int
    measured: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None


def sla_compliance(*, kind: str, since: datetime, until: datetime) -> Compliance:
    """Of the clocks due in [since, until) that were met, or ran past their deadline, the
    share met on time. Clocks stopped without the action (e.g. a lead lost before any
    contact) and clocks still running inside their time do not count."""
    now = timezone.now()
    due = SlaClock.objects.filter(kind=kind, due_at__gte=since, due_at__lt=until)
    measured = (
        Q(met_at__isnull=False)
        | Q(breached_at__isnull=False)
        | Q(closed_at__isnull=True, due_at__lte=now)
    )
    figures = due.aggregate(
        on_time=Count("id", filter=Q(met_at__lte=F("due_at"))),
        measured=Count("id", filter=measured),
    )
    return Compliance(on_time=figures["on_time"], measured=figures["measured"])


def accept_compliance(*, since: datetime, until: datetime) -> Compliance:
    return sla_compliance(kind=SlaClock.Kind.ACCEPT, since=since, until=until)


def first_contact_compliance(*, since: datetime, until: datetime) -> Compliance:
    return sla_compliance(kind=SlaClock.Kind.FIRST_CONTACT, since=since, until=until)


def median_time_to_accept(*, since: datetime, until: datetime) -> timedelta | None:
    """The median time from handoff to acceptance of leads accepted in [since, until),
    computed by the database (the middle row(s) of the ordered durations) on any backend."""
    accepted = SlaClock.objects.filter(
        kind=SlaClock.Kind.ACCEPT, outcome=Stage.SAL, met_at__gte=since, met_at__lt=until
    ).annotate(took=ExpressionWrapper(F("met_at") - F("started_at"), output_field=DurationField()))
    count = accepted.count()
    if not count:
        return None
    middle = list(
        accepted.order_by("took").values_list("took", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    return sum(middle, timedelta()) / len(middle)


# The agreement --------------------------------------------------------------------------


def active_agreements() -> list[HandoffAgreement]:
    """Company-wide first, then the segment overrides by name."""
    return list(
        HandoffAgreement.objects.filter(status=HandoffAgreement.Status.ACTIVE)
        .select_related("segment", "created_by__user")
        .prefetch_related("salespeople__user", "approvals__by__user")
        .order_by(F("segment__name").asc(nulls_first=True))
    )


def agreement_history() -> list[HandoffAgreement]:
    return list(
        HandoffAgreement.objects.select_related("segment", "created_by__user")
        .prefetch_related("approvals__by__user")
        .order_by(F("segment__name").asc(nulls_first=True), "-version")
    )


def agreement_detail(pk: int) -> HandoffAgreement:
    return (
        HandoffAgreement.objects.select_related("segment", "created_by__user")
        .prefetch_related("salespeople__user", "approvals__by__user")
        .get(pk=pk)
    )


def current_version(segment_id: int | None) -> HandoffAgreement | None:
    """The scope's draft if there is one (that is what an editor continues), else active."""
    versions = HandoffAgreement.objects.filter(
        segment_id=segment_id,
        status__in=[HandoffAgreement.Status.DRAFT, HandoffAgreement.Status.ACTIVE],
    ).prefetch_related("salespeople")
    by_status = {agreement.status: agreement for agreement in versions}
    return by_status.get(HandoffAgreement.Status.DRAFT) or by_status.get(
        HandoffAgreement.Status.ACTIVE
    )


def team_people(person: Person) -> list[int] | None:
    """Whose queue a person sees: a manager the whole team (None), others their own."""
    return None if person.role == "manager" else [person.pk]
