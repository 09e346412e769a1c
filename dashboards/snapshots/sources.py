"""The database passes behind the snapshots: each reads one kind of fact for a range of
days, grouped by day and segment (and a breakdown), with conditional aggregates. A run
makes these few passes whatever the number of days it computes; windowing the daily sums
into periods happens afterwards (compute.py), over the grouped rows, never over leads.

Every pass returns rows of (metric, segment id or None, dimension, day, value). A lead's
segment is its current best segment (LeadFit).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, Lag, TruncDate

from dashboards.models import BudgetAllocation
from leads.campaigns.deals import OPEN_DEAL_STAGES, SOURCED, won_between
from leads.handoff import figures
from leads.models import Lead, LeadEvent, SlaClock, Spend, Stage
from leads.profiles.scoring import FIT_BANDS

Row = tuple[str, int | None, str, date, Decimal]


@dataclass(frozen=True)
class Range:
    """The days [first, last] whose facts a run reads, in the office's time zone."""

    first: date
    last: date

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def since(self) -> datetime:
        return datetime.combine(self.first, time(), tzinfo=self.zone)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(), tzinfo=self.zone)


@contextmanager
def reporting():
    """The passes of a run, in one transaction (one consistent view of the data) with
    PostgreSQL set for a few large aggregates: no JIT compilation (it cost more than a
    second per pass and saved less) and room to sort the grouped rows in memory."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


def _band() -> Case:
    """A lead's fit band, by the bands of scoring.py (no fit row: low)."""
    return Case(
        *[
            When(fit__score__gte=low, then=Value(band))
            for band, (low, _high) in FIT_BANDS.items()
            if low > 0
        ],
        default=Value("low"),
        output_field=CharField(),
    )


STAGE_COUNTS = {
    "mqls": Q(to_stage=Stage.MQL),
    "accepted": Q(from_stage=Stage.MQL, to_stage=Stage.SAL),
    "rejected": Q(from_stage=Stage.MQL, to_stage=Stage.REJECTED),
    "sal_out": Q(from_stage=Stage.SAL, to_stage__in=[Stage.SQL, Stage.LOST]),
    "sal_to_sql": Q(from_stage=Stage.SAL, to_stage=Stage.SQL),
    "won": Q(to_stage=Stage.WON),
    "lost": Q(to_stage=Stage.LOST),
    "lost_after_sql": Q(to_stage=Stage.LOST, from_stage__in=OPEN_DEAL_STAGES),
}


def stage_events(days: Range) -> Iterator[Row]:
    """Stage changes per day, segment and fit band (the band feeds the ICP check)."""
    rows = (
        LeadEvent.objects.filter(kind=LeadEvent.Kind.STAGE, at__gte=days.since, at__lt=days.until)
        .values(
            day=TruncDate("at", tzinfo=days.zone),
            segment=F("fit__segment"),
            band=_band(),
        )
        .annotate(**{name: Count("pk", filter=q) for name, q in STAGE_COUNTS.items()})
        .order_by()
    )
    for row in rows:
        for name in STAGE_COUNTS:
            if row[name]:
                yield name, row["segment"], f"band:{row['band']}", row["day"], Decimal(row[name])


def rejection_reasons(days: Range) -> Iterator[Row]:
    rows = (
        LeadEvent.objects.filter(to_stage=Stage.REJECTED, at__gte=days.since, at__lt=days.until)
        .values("reason", day=TruncDate("at", tzinfo=days.zone), segment=F("fit__segment"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        yield "rejected_for", row["segment"], row["reason"], row["day"], Decimal(row["n"])


def new_leads(days: Range) -> Iterator[Row]:
    rows = (
        Lead.objects.filter(created_at__gte=days.since, created_at__lt=days.until)
        .values(day=TruncDate("created_at", tzinfo=days.zone), segment=F("fit__segment"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        yield "new_leads", row["segment"], "", row["day"], Decimal(row["n"])


def won_deals(days: Range) -> Iterator[Row]:
    """Won deals by close date (the lead's current figures: see leads/campaigns/deals.py)
    with the days from the lead's first handoff to its close, for the sales cycle."""
    first_handoff = (
        LeadEvent.objects.filter(lead=OuterRef("pk"), to_stage=Stage.MQL)
        .order_by("at")
        .annotate(day=TruncDate("at", tzinfo=days.zone))
        .values("day")[:1]
    )
    cycle = ExpressionWrapper(
        F("close_date") - Subquery(first_handoff), output_field=DurationField()
    )
    money = DecimalField(max_digits=16, decimal_places=2)
    rows = (
        Lead.objects.filter(won_between(days.first, days.last))
        .annotate(cycle=cycle)
        .values(day=F("close_date"), segment=F("fit__segment"))
        .annotate(
            deals=Count("pk"),
            revenue=Coalesce(Sum("won_amount"), Value(Decimal(0)), output_field=money),
            sourced=Coalesce(
                Sum("won_amount", filter=SOURCED),
                Value(Decimal(0)),
                output_field=money,
            ),
            cycles=Count("pk", filter=Q(cycle__isnull=False)),
            cycle_total=Sum("cycle"),
        )
        .order_by()
    )
    for row in rows:
        total = row["cycle_total"] or timedelta()
        yield "won_deals", row["segment"], "", row["day"], Decimal(row["deals"])
        yield "won_revenue", row["segment"], "", row["day"], row["revenue"]
        yield "sourced_revenue", row["segment"], "", row["day"], row["sourced"]
        yield "cycles", row["segment"], "", row["day"], Decimal(row["cycles"])
        yield "cycle_days", row["segment"], "", row["day"], Decimal(total.days)


def campaign_revenue(days: Range) -> Iterator[Row]:
    rows = (
        Lead.objects.filter(won_between(days.first, days.last) & SOURCED)
        .values("source_campaign", day=F("close_date"))
        .annotate(revenue=Sum("won_amount"))
        .order_by()
    )
    for row in rows:
        dimension = f"campaign:{row['source_campaign']}"
        yield "campaign_revenue", None, dimension, row["day"], row["revenue"]


def pipeline_changes(days: Range) -> Iterator[Row]:
    """How each day changed the pipeline: every event that puts a deal in SQL or
    opportunity, changes its value, or takes it out, compared with the lead's event
    before it. Read from the start of history, so the days before the range add up to the
    pipeline the range starts with (reported on the day before its first)."""
    relevant = Q(
        kind=LeadEvent.Kind.STAGE, to_stage__in=[*OPEN_DEAL_STAGES, Stage.WON, Stage.LOST]
    ) | Q(kind=LeadEvent.Kind.VALUE)
    money = DecimalField(max_digits=16, decimal_places=2)
    open_value = Q(detail__in=OPEN_DEAL_STAGES, kind=LeadEvent.Kind.VALUE)
    value = Case(
        When(Q(to_stage__in=OPEN_DEAL_STAGES) | open_value,
             then=Coalesce(F("amount"), Value(Decimal(0)))),
        default=Value(Decimal(0)),
        output_field=money,
    )  # fmt: skip
    events = (
        LeadEvent.objects.filter(relevant, at__lt=days.until)
        .annotate(
            day=TruncDate("at", tzinfo=days.zone),
            segment=F("fit__segment"),
            contribution=value,
            before=Window(
                Lag(value, default=Value(Decimal(0)), output_field=money),
                partition_by=[F("lead_id")],
                order_by=[F("at").asc(), F("id").asc()],
            ),
        )
        .values_list("day", "segment", "contribution", "before")
    )
    sql, params = events.query.sql_with_params()
    grouped = (
        'SELECT CASE WHEN "day" < %s THEN %s ELSE "day" END, "segment", '
        f'SUM("contribution" - "before") FROM ({sql}) changes GROUP BY 1, 2'
    )
    day_before = days.first - timedelta(days=1)
    with connection.cursor() as cursor:
        cursor.execute(grouped, [days.first, day_before, *params])
        for day, segment, change in cursor.fetchall():
            if isinstance(day, str):  # SQLite gives dates back as text
                day = date.fromisoformat(day[:10])
            yield "pipeline_change", segment, "", day, _money(change)


def _money(value) -> Decimal:
    """A sum from raw SQL: SQLite may give a float back."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def sla_clocks(days: Range) -> Iterator[Row]:
    for row in figures.sla_counts_by_day(since=days.since, until=days.until, zone=days.zone):
        kind = "accept" if row["kind"] == SlaClock.Kind.ACCEPT else "first_contact"
        yield f"{kind}_on_time", row["segment"], "", row["day"], Decimal(row["on_time"])
        yield f"{kind}_measured", row["segment"], "", row["day"], Decimal(row["measured"])


def accept_hours(days: Range) -> Iterator[tuple[date, int | None, float]]:
    """(day, segment, hours) of every acceptance: the median needs each one."""
    for day, segment, took in figures.accept_durations(
        since=days.since, until=days.until, zone=days.zone
    ):
        yield day, segment, took.total_seconds() / 3600


def spend(days: Range) -> Iterator[Row]:
    rows = (
        Spend.objects.filter(date__gte=days.first, date__lte=days.last)
        .values("campaign", day=F("date"))
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        yield "spend", None, "", row["day"], row["total"]
        if row["campaign"]:
            yield "campaign_cost", None, "", row["day"], row["total"]
            yield "campaign_cost_by", None, f"campaign:{row['campaign']}", row["day"], row["total"]


def plan(days: Range) -> dict[tuple[int, int], Decimal]:
    """The company's plan per (year, quarter)."""
    rows = (
        BudgetAllocation.objects.filter(year__gte=days.first.year, year__lte=days.last.year)
        .values_list("year", "quarter")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(year, quarter): total for year, quarter, total in rows}
