"""Demo budget, figures and targets: the board's plan for last year and this year; a
year of nightly snapshots, so the trends show history on first start; and targets for the
previous and the current quarter, some of them joint. Each part is made once."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from alignment.models import Person, TeamCode
from dashboards.kpis import catalogue
from dashboards.kpis.periods import previous_end, start_of
from dashboards.meeting import demo as meetings
from dashboards.models import BudgetAllocation, PeriodKind, Snapshot, SnapshotRun, Target
from dashboards.snapshots import services
from leads.models import SpendCategory

HISTORY_DAYS = 365
# Targets both teams share: the handoff and what it earns.
JOINT = {"acceptance_rate", "won_revenue", "mqls"}

# Per quarter, in euros: what the board gives each team for each kind of spend.
PLAN = {
    TeamCode.MARKETING: {
        SpendCategory.CAMPAIGNS: 60_000,
        SpendCategory.EVENTS: 25_000,
        SpendCategory.TOOLS: 6_000,
        SpendCategory.PEOPLE: 15_000,
    },
    TeamCode.SALES: {
        SpendCategory.EVENTS: 8_000,
        SpendCategory.TRAVEL: 6_000,
        SpendCategory.TOOLS: 3_000,
    },
}


def seed(*, rng: random.Random) -> None:
    board = Person.objects.filter(user__username="directeur").first()
    if board is None:
        return
    _seed_budget(board, rng)
    _seed_snapshots()
    _seed_targets(board, rng)
    meetings.seed(rng=rng)


def _seed_budget(board: Person, rng: random.Random) -> None:
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year):
        if BudgetAllocation.objects.filter(year=year).exists():
            continue
        BudgetAllocation.objects.bulk_create(
            BudgetAllocation(
                year=year,
                quarter=quarter,
                team=team,
                category=category,
                amount=Decimal(amount * rng.choice([0.9, 1.0, 1.0, 1.1])).quantize(Decimal(1)),
                updated_by=board,
            )
            for team, categories in PLAN.items()
            for category, amount in categories.items()
            for quarter in (1, 2, 3, 4)
        )


def _seed_snapshots() -> None:
    """A year of figures up to yesterday, as the nightly runs would have left them."""
    if SnapshotRun.objects.exists():
        return
    last = timezone.localdate() - timedelta(days=1)
    first = last - timedelta(days=HISTORY_DAYS - 1)
    started = timezone.now()
    rows = services.compute_days(first, last)
    SnapshotRun.objects.create(
        first_day=first,
        last_day=last,
        status=SnapshotRun.Status.DONE,
        rows=rows,
        started_at=started,
        finished_at=timezone.now(),
    )


def _seed_targets(manager: Person, rng: random.Random) -> None:
    """Targets for the previous and the current quarter, close to what the previous
    quarter achieved: some met, some missed."""
    if Target.objects.exists():
        return
    this_quarter = start_of(PeriodKind.QUARTER, timezone.localdate())
    last_quarter = start_of(PeriodKind.QUARTER, previous_end(PeriodKind.QUARTER, this_quarter))
    achieved = {
        row.kpi: row.value
        for row in Snapshot.objects.filter(
            day=previous_end(PeriodKind.QUARTER, this_quarter),
            period=PeriodKind.QUARTER,
            segment=None,
            dimension="",
        )
        if row.value
    }
    Target.objects.bulk_create(
        Target(
            kpi=kpi.key,
            period=PeriodKind.QUARTER,
            period_start=start,
            value=_as_typed(kpi, achieved[kpi.key] * Decimal(rng.choice(["0.9", "1", "1.1"]))),
            joint=kpi.key in JOINT,
            updated_by=manager,
        )
        for kpi in catalogue.CATALOGUE
        if kpi.key in achieved and not kpi.listing
        for start in (last_quarter, this_quarter)
    )


def _as_typed(kpi: catalogue.Kpi, value: Decimal) -> Decimal:
    """A target as a manager would type it: whole percents (at most 100 % for a share),
    two significant figures for larger numbers."""
    if kpi.is_rate:
        value = value.quantize(Decimal("0.01"))
        return value if kpi.key == "campaign_roi" else min(value, Decimal(1))
    if value >= 100:
        exponent = len(str(int(value))) - 2
        return (value / 10**exponent).quantize(Decimal(1)) * 10**exponent
    return value.quantize(Decimal(1))
