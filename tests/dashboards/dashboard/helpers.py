"""Figures for the dashboard tests, written straight into the snapshot table: the page
reads only snapshots and targets, so the tests say exactly what the nightly run found."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from alignment.models import Person
from dashboards.kpis import catalogue
from dashboards.kpis.periods import start_of
from dashboards.models import Snapshot, SnapshotRun, Target
from leads.models import Segment

# Tuesday 10 March 2026, mid-morning in Amsterdam: the nightly run did yesterday.
NOW = datetime(2026, 3, 10, 9, tzinfo=UTC)
DAY = date(2026, 3, 9)
EN = {"Accept-Language": "en"}
HTMX = {"HX-Request": "true", **EN}


def get_board(client, headers=EN, **filters):
    """The dashboard with these filters (in English unless told)."""
    response = client.get(reverse("dashboards:dashboard"), filters, headers=headers)
    assert response.status_code == 200, filters
    return response


def put(day: date, kpi: str, value, *, period: str = "quarter", segment: Segment | None = None,
        dimension: str = "", numerator=None, denominator=None) -> Snapshot:  # fmt: skip
    return Snapshot.objects.create(
        day=day, period=period, segment=segment, kpi=kpi, dimension=dimension,
        value=None if value is None else Decimal(str(value)),
        numerator=None if numerator is None else Decimal(str(numerator)),
        denominator=None if denominator is None else Decimal(str(denominator)),
    )  # fmt: skip


def fill(day: date, *, period: str = "quarter", segment: Segment | None = None,
         base: int = 10) -> None:  # fmt: skip
    """A row for every KPI of the catalogue (a rate as a share with its counts)."""
    for kpi in catalogue.CATALOGUE:
        if kpi.listing:
            continue
        if kpi.is_rate:
            put(day, kpi.key, Decimal(base) / 20, period=period, segment=segment,
                numerator=base, denominator=20)  # fmt: skip
        else:
            put(day, kpi.key, base * 3, period=period, segment=segment)


def target(kpi: str, value, *, by: Person, day: date, period: str = "quarter",
           segment: Segment | None = None, joint: bool = False) -> Target:  # fmt: skip
    return Target.objects.create(
        kpi=kpi, period=period, period_start=start_of(period, day), segment=segment,
        value=Decimal(str(value)), joint=joint, updated_by=by,
    )  # fmt: skip


def finished_run(*, hours_ago: float, status: str = "done") -> SnapshotRun:
    at: datetime = timezone.now() - timedelta(hours=hours_ago)
    today = timezone.localdate()
    return SnapshotRun.objects.create(
        first_day=today, last_day=today, status=status, started_at=at, finished_at=at
    )
