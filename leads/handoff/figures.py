"""The SLA figures of the handoff agreement, for the shared dashboard: compliance with
the deadlines and the time sales takes to accept. Each is defined once here, as a filter
or an expression; the dashboard's snapshots read them per day through the same functions."""

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from leads.models import SlaClock, Stage

# A clock measures the agreement when it was met, or ran past its deadline: not when it
# stopped without the action (a lead lost before any contact) nor while it runs in time.
ON_TIME = Q(met_at__lte=F("due_at"))


def measured(now: datetime) -> Q:
    return (
        Q(met_at__isnull=False)
        | Q(breached_at__isnull=False)
        | Q(closed_at__isnull=True, due_at__lte=now)
    )


@dataclass(frozen=True)
class Compliance:
    on_time: int
    measured: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None


def sla_compliance(*, kind: str, since: datetime, until: datetime) -> Compliance:
    """Of the clocks due in [since, until) that were met, or ran past their deadline, the
    share met on time."""
    due = SlaClock.objects.filter(kind=kind, due_at__gte=since, due_at__lt=until)
    figures = due.aggregate(
        on_time=Count("id", filter=ON_TIME), measured=Count("id", filter=measured(timezone.now()))
    )
    return Compliance(on_time=figures["on_time"], measured=figures["measured"])


def accept_compliance(*, since: datetime, until: datetime) -> Compliance:
    return sla_compliance(kind=SlaClock.Kind.ACCEPT, since=since, until=until)


def first_contact_compliance(*, since: datetime, until: datetime) -> Compliance:
    return sla_compliance(kind=SlaClock.Kind.FIRST_CONTACT, since=since, until=until)


def sla_counts_by_day(*, since: datetime, until: datetime, zone: tzinfo) -> QuerySet:
    """Per kind, day the deadline fell and the lead's segment: on time and measured."""
    return (
        SlaClock.objects.filter(due_at__gte=since, due_at__lt=until)
        .values("kind", day=TruncDate("due_at", tzinfo=zone), segment=F("fit__segment"))
        .annotate(
            on_time=Count("id", filter=ON_TIME),
            measured=Count("id", filter=measured(timezone.now())),
        )
        .order_by()
    )


def _accepted(since: datetime, until: datetime) -> QuerySet:
    """Leads accepted in [since, until), with the time their acceptance took."""
    took = ExpressionWrapper(F("met_at") - F("started_at"), output_field=DurationField())
    return SlaClock.objects.filter(
        kind=SlaClock.Kind.ACCEPT, outcome=Stage.SAL, met_at__gte=since, met_at__lt=until
    ).annotate(took=took)


def median_time_to_accept(*, since: datetime, until: datetime) -> timedelta | None:
    """The median time from handoff to acceptance of leads accepted in [since, until),
    computed by the database (the middle row(s) of the ordered durations) on any backend."""
    accepted = _accepted(since, until)
    count = accepted.count()
    if not count:
        return None
    middle = list(
        accepted.order_by("took").values_list("took", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    return sum(middle, timedelta()) / len(middle)


def accept_durations(*, since: datetime, until: datetime, zone: tzinfo) -> QuerySet:
    """(day accepted, segment, time it took) of every acceptance in [since, until)."""
    return (
        _accepted(since, until)
        .annotate(day=TruncDate("met_at", tzinfo=zone), segment=F("fit__segment"))
        .values_list("day", "segment", "took")
        .order_by("met_at", "pk")
    )
