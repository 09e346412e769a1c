"""The shared dashboard's data: read from the snapshots and the targets only, never from
the leads, so the page costs the same whatever the number of leads. A fixed number of
queries: the runs, the day, that day's rows, the comparison day's, the trend's, targets,
segments and campaigns."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboards.kpis import catalogue, reading
from dashboards.kpis.periods import Window, end_of, period_ends, start_of, window
from dashboards.models import Snapshot, SnapshotRun, Target
from leads.models import Campaign, Segment
from leads.profiles.scoring import FIT_BANDS

TREND_POINTS = 8
CAMPAIGN_ROWS = 15
# The nightly run is late when the newest snapshots are older than this.
STALE_AFTER = timedelta(hours=30)


@dataclass
class Tile:
    kpi: catalogue.Kpi
    value: Decimal | None
    target: Target | None
    reading: reading.Reading
    previous: Decimal | None
    trend: list[Decimal | None]

    @property
    def joint(self) -> bool:
        return bool(self.target and self.target.joint)

    @property
    def change(self) -> str:
        """ "up", "down" or "same" compared with the same point of the previous period."""
        if self.value is None or self.previous is None or self.value == self.previous:
            return "same"
        return "up" if self.value > self.previous else "down"

    @property
    def change_is_good(self) -> bool | None:
        if self.change == "same":
            return None
        return (self.change == "up") == (self.kpi.direction == catalogue.HIGHER)


@dataclass
class Dashboard:
    window: Window | None
    segment: Segment | None
    tiles: list[Tile] = field(default_factory=list)
    by_segment: list[tuple[Segment, dict[str, Decimal | None]]] = field(default_factory=list)
    icp: list[tuple[str, dict[str, dict[str, Decimal | None]]]] = field(default_factory=list)
    reasons: list[tuple[str, Decimal]] = field(default_factory=list)
    campaigns: list[tuple[Campaign, Decimal | None, Decimal, Decimal]] = field(default_factory=list)
    trend_days: list[date] = field(default_factory=list)
    trends: dict[str, list[Decimal | None]] = field(default_factory=dict)
    last_run: SnapshotRun | None = None
    failed_run: SnapshotRun | None = None
    # The counts behind the rates, for the funnel (e.g. accepted leads of the acceptance).
    numerators: dict[str, Decimal | None] = field(default_factory=dict)
    # When the chosen day lies before the first figures: the first day there are.
    first_day: date | None = None

    def groups(self, team: str | None) -> list[tuple[str, list[Tile]]]:
        """The tiles in three groups: the reader's own team first, then the other team,
        then what both share (shared KPIs and every KPI with a joint target)."""
        first, second = (catalogue.SALES, catalogue.MARKETING) if team == catalogue.SALES else (
            catalogue.MARKETING, catalogue.SALES)  # fmt: skip
        shared = [t for t in self.tiles if t.kpi.team == catalogue.SHARED or t.joint]
        groups = [
            (first, [t for t in self.tiles if t.kpi.team == first and not t.joint]),
            (second, [t for t in self.tiles if t.kpi.team == second and not t.joint]),
            (catalogue.SHARED, shared),
        ]
        labels = catalogue.TEAM_LABELS | {catalogue.SHARED: _("Shared and joint")}
        return [(str(labels[key]), tiles) for key, tiles in groups if tiles]

    def value(self, key: str) -> Decimal | None:
        return next((tile.value for tile in self.tiles if tile.kpi.key == key), None)

    @property
    def stale(self) -> bool:
        if self.last_run is None or self.last_run.finished_at is None:
            return True
        return timezone.now() - self.last_run.finished_at > STALE_AFTER


def latest_day(period: str, before: date | None = None) -> date | None:
    days = Snapshot.objects.filter(period=period)
    if before:
        days = days.filter(day__lte=before)
    return days.aggregate(day=Max("day"))["day"]


def _rows(day: date, period: str) -> list:
    """The day's rows as light tuples with the model's field names: a day holds a few
    thousand (a row per campaign among them), too many to build model instances for."""
    fields = ["segment_id", "kpi", "dimension", "value", "numerator", "denominator"]
    return list(Snapshot.objects.filter(day=day, period=period).values_list(*fields, named=True))


def _same_point_before(w: Window) -> date:
    """The same day of the previous period (its last day when it is shorter)."""
    previous_start = start_of(w.kind, w.start - timedelta(days=1))
    return min(previous_start + timedelta(days=w.days - 1), end_of(w.kind, previous_start))


def _values_at(day: date, period: str, segment: Segment | None) -> dict[str, Decimal | None]:
    rows = Snapshot.objects.filter(day=day, period=period, segment=segment, dimension="")
    return dict(rows.values_list("kpi", "value"))


def _targets(w: Window, segment: Segment | None) -> dict[str, Target]:
    rows = Target.objects.filter(period=w.kind, period_start=w.start, segment=segment)
    return {target.kpi: target for target in rows}


def _tiles(w: Window, mine: dict, before: dict, targets: dict, trends: dict) -> list[Tile]:
    """A tile per KPI of the catalogue (breakdowns aside), in the catalogue's order."""
    tiles = []
    for kpi in catalogue.CATALOGUE:
        if kpi.listing:
            continue
        row = mine.get((kpi.key, ""))
        value = row.value if row else None
        target = targets.get(kpi.key)
        read = reading.read(kpi, value, target.value if target else None, w)
        tiles.append(Tile(kpi, value, target, read, before.get(kpi.key), trends.get(kpi.key, [])))
    return tiles


def key_figures(*, period: str, day: date) -> tuple[Window | None, list[Tile], dict]:
    """The company's figures of the period to `day` (its latest snapshot up to then),
    against target and the period before, with the rows behind them by (KPI, dimension)."""
    day = latest_day(period, day)
    if day is None:
        return None, [], {}
    w = window(period, day)
    rows = Snapshot.objects.filter(day=day, period=period, segment=None)
    mine = {(r.kpi, r.dimension): r for r in rows}
    before = _values_at(_same_point_before(w), period, None)
    return w, _tiles(w, mine, before, _targets(w, None), {}), mine


def dashboard(*, period: str, segment: Segment | None, day: date | None):
    """Everything the page shows for one period and segment."""
    runs = list(SnapshotRun.objects.filter(status__in=["done", "failed"]).order_by("-pk")[:5])
    board = Dashboard(None, segment)
    board.last_run = next((r for r in runs if r.status == "done"), None)
    board.failed_run = runs[0] if runs and runs[0].status == "failed" else None
    chosen, day = day, latest_day(period, day)
    if day is None:
        if chosen is not None:
            board.first_day = Snapshot.objects.filter(period=period).aggregate(d=Min("day"))["d"]
        return board
    w = board.window = window(period, day)
    segment_id = segment.pk if segment else None
    rows = _rows(day, period)
    mine = {(r.kpi, r.dimension): r for r in rows if r.segment_id == segment_id}
    before = _values_at(_same_point_before(w), period, segment)
    trend_days = period_ends(period, day, TREND_POINTS)
    trends = defaultdict(dict)
    for row in Snapshot.objects.filter(
        day__in=trend_days, period=period, segment=segment, dimension=""
    ):
        trends[row.kpi][row.day] = row.value
    # Periods before the first snapshot are left out rather than drawn as nothing.
    known = {d for by_day in trends.values() for d in by_day}
    board.trend_days = [d for d in trend_days if d in known]
    board.trends = {
        kpi: [by_day.get(d) for d in board.trend_days] for kpi, by_day in trends.items()
    }
    board.tiles = _tiles(w, mine, before, _targets(w, segment), board.trends)
    board.numerators = {
        tile.kpi.key: getattr(mine.get((tile.kpi.key, "")), "numerator", None)
        for tile in board.tiles
    }
    board.reasons = sorted(
        ((r.dimension, r.value) for (kpi, _d), r in mine.items() if kpi == "rejection_reasons"),
        key=lambda item: -item[1],
    )
    board.by_segment, board.icp = _per_segment(rows)
    board.campaigns = _campaigns(mine)
    return board


SEGMENT_COLUMNS = ["new_leads", "mqls", "acceptance_rate", "win_rate", "won_revenue",
                   "pipeline_value"]  # fmt: skip


def _per_segment(rows: list[Snapshot]):
    segments = list(Segment.objects.filter(active=True).order_by("name"))
    values = defaultdict(dict)
    for row in rows:
        values[row.segment_id][(row.kpi, row.dimension)] = row.value
    by_segment = [
        (segment, {kpi: values[segment.pk].get((kpi, "")) for kpi in SEGMENT_COLUMNS})
        for segment in segments
    ]
    icp = []
    for band in FIT_BANDS:
        dimension = f"{catalogue.BAND_DIMENSION}{band}"
        icp.append((
            band,
            {
                segment.name: {
                    kpi: values[segment.pk].get((kpi, dimension)) for kpi in catalogue.BY_FIT_BAND
                }
                for segment in segments
            },
        ))  # fmt: skip
    return by_segment, icp


def _campaigns(mine: dict) -> list:
    """The campaigns with the best return first (those without a cost last), as many as
    the table shows: only their names are read."""
    rows = [
        r for (kpi, dimension), r in mine.items()
        if kpi == "campaign_roi" and dimension.startswith(catalogue.CAMPAIGN_DIMENSION)
    ]  # fmt: skip
    rows.sort(key=lambda r: (r.value is None, -(r.value or 0)))
    rows = rows[:CAMPAIGN_ROWS]
    ids = [int(r.dimension.removeprefix(catalogue.CAMPAIGN_DIMENSION)) for r in rows]
    names = Campaign.objects.only("name").in_bulk(ids)
    table = []
    for row, pk in zip(rows, ids, strict=True):
        if pk in names:
            cost = row.denominator or Decimal(0)
            table.append((names[pk], row.value, (row.numerator or 0) + cost, cost))
    return table


def export_rows(*, period: str, segment: Segment | None, day: date) -> list[Snapshot]:
    return list(
        Snapshot.objects.filter(day=day, period=period, segment=segment)
        .filter(~Q(kpi="campaign_roi") | Q(dimension=""))
        .order_by("kpi", "dimension")
    )
