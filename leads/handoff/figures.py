"""The SLA figures of the handoff agreement, for the shared dashboard: compliance with
the deadlines and the time sales takes to accept. Computed by the database."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from leads.models import SlaClock, Stage


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
