"""From the daily facts (sources.py) to the snapshot rows: every KPI of the catalogue for
each day asked, for the week, month, quarter and year to date, company-wide and per
segment. The facts of a run are read once; each window is a difference of two prefix sums.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sortedcontainers import SortedList

from dashboards.kpis import catalogue
from dashboards.kpis.periods import KINDS, Window, plan_between, start_of, window
from dashboards.snapshots import sources
from leads.profiles.scoring import FIT_BANDS

FOUR_PLACES = Decimal("0.0001")
Key = tuple[str, int | None, str]


@dataclass
class Series:
    """One metric's daily sums, as sorted days with running totals."""

    days: list[date] = field(default_factory=list)
    totals: list[Decimal] = field(default_factory=list)

    def until(self, day: date) -> Decimal:
        index = bisect_right(self.days, day)
        return self.totals[index - 1] if index else Decimal(0)

    def between(self, start: date, end: date) -> Decimal:
        return self.until(end) - self.until(start - timedelta(days=1))


@dataclass
class Facts:
    series: dict[Key, Series]
    hours: list[tuple[date, int | None, float]]
    plan: dict[tuple[int, int], Decimal]
    segments: list[int]

    def sum(self, metric: str, segment: int | None, w: Window, dimension: str = "") -> Decimal:
        series = self.series.get((metric, segment, dimension))
        return series.between(w.start, w.end) if series else Decimal(0)

    def dimensions(self, metric: str, segment: int | None) -> list[str]:
        return sorted(d for (m, s, d) in self.series if m == metric and s == segment and d)


def _add(daily: dict, key: Key, day: date, value: Decimal) -> None:
    daily[key][day] += value


def collect(days: sources.Range, segments: list[int]) -> Facts:
    """Read every fact of [first, last] once, summed per day for each segment and for the
    whole company (a lead without a segment counts only in the latter)."""
    daily: dict[Key, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    passes = [
        sources.stage_events,
        sources.rejection_reasons,
        sources.new_leads,
        sources.won_deals,
        sources.campaign_revenue,
        sources.pipeline_changes,
        sources.sla_clocks,
        sources.spend,
    ]
    with sources.reporting():
        for read in passes:
            for metric, segment, dimension, day, value in read(days):
                dimensions = [dimension]
                if dimension.startswith(catalogue.BAND_DIMENSION):
                    dimensions.append("")  # the band's counts add up to the total
                for dim in dimensions:
                    _add(daily, (metric, None, dim), day, value)
                    if segment is not None:
                        _add(daily, (metric, segment, dim), day, value)
        hours, plan = list(sources.accept_hours(days)), sources.plan(days)
    series = {key: _running(by_day) for key, by_day in daily.items()}
    return Facts(series, hours, plan, segments)


def _running(by_day: dict[date, Decimal]) -> Series:
    series, total = Series(), Decimal(0)
    for day in sorted(by_day):
        total += by_day[day]
        series.days.append(day)
        series.totals.append(total)
    return series


# The KPIs ------------------------------------------------------------------------------

Value = tuple[Decimal | None, Decimal | None, Decimal | None]


def _ratio(numerator: Decimal, denominator: Decimal) -> Value:
    """A rate or an average: no value without a denominator ("no data", not 0)."""
    if not denominator:
        return None, numerator, denominator
    return (numerator / denominator).quantize(FOUR_PLACES), numerator, denominator


def _total(value: Decimal) -> Value:
    return value, None, None


def kpi_values(facts: Facts, segment: int | None, w: Window, dimension: str = "") -> dict:
    """Every single-number KPI for one window and segment (or, with a fit band as
    dimension, the KPIs the ICP check breaks down)."""

    def s(metric: str) -> Decimal:
        return facts.sum(metric, segment, w, dimension)

    if dimension:
        return {
            "win_rate": _ratio(s("won"), s("won") + s("lost")),
            "acceptance_rate": _ratio(s("accepted"), s("accepted") + s("rejected")),
        }
    decided = s("accepted") + s("rejected")
    values = {
        "new_leads": _total(s("new_leads")),
        "mqls": _total(s("mqls")),
        "acceptance_rate": _ratio(s("accepted"), decided),
        "rejection_rate": _ratio(s("rejected"), decided),
        "sal_to_sql": _ratio(s("sal_to_sql"), s("sal_out")),
        "sql_to_won": _ratio(s("won"), s("won") + s("lost_after_sql")),
        "win_rate": _ratio(s("won"), s("won") + s("lost")),
        "pipeline_value": _total(_pipeline(facts, segment, w.end)),
        "won_revenue": _total(s("won_revenue")),
        "avg_deal_size": _ratio(s("won_revenue"), s("won_deals")),
        "sales_cycle": _ratio(s("cycle_days"), s("cycles")),
        "accept_sla": _ratio(s("accept_on_time"), s("accept_measured")),
        "first_contact_sla": _ratio(s("first_contact_on_time"), s("first_contact_measured")),
        "marketing_revenue": _total(s("sourced_revenue")),
    }
    if segment is None:  # costs and the plan belong to the company, not to a segment
        cost = s("campaign_cost")
        values["cost_per_mql"] = _ratio(cost, s("mqls"))
        values["campaign_roi"] = _ratio(s("sourced_revenue") - cost, cost)
        values["budget_spent"] = _ratio(s("spend"), plan_between(w.start, w.end, facts.plan))
    return values


def _pipeline(facts: Facts, segment: int | None, day: date) -> Decimal:
    series = facts.series.get(("pipeline_change", segment, ""))
    return series.until(day) if series else Decimal(0)


def _median(values: SortedList) -> Decimal | None:
    count = len(values)
    if not count:
        return None
    middle = (values[(count - 1) // 2] + values[count // 2]) / 2
    return Decimal(str(middle)).quantize(FOUR_PLACES)


def medians(facts: Facts, kind: str, days: Iterable[date]) -> dict[tuple[date, int | None], Value]:
    """The median hours to accept for each day asked, of the acceptances in its window:
    one pass over the acceptances in day order, restarting at each new period."""
    wanted = sorted(set(days))
    result: dict[tuple[date, int | None], Value] = {}
    hours = facts.hours
    hour_days = [accepted_on for accepted_on, _segment, _took in hours]
    index, period, seen = 0, None, defaultdict(SortedList)
    for day in wanted:
        if start_of(kind, day) != period:
            period, seen = start_of(kind, day), defaultdict(SortedList)
            index = bisect_right(hour_days, period - timedelta(days=1))
        # The acceptances up to this day go in as one batch: a sort, not an insert each.
        batch = defaultdict(list)
        while index < len(hours) and hours[index][0] <= day:
            accepted_on, segment, took = hours[index]
            if accepted_on >= period:
                batch[None].append(took)
                if segment is not None:
                    batch[segment].append(took)
            index += 1
        for segment, values in batch.items():
            seen[segment].update(values)
        for segment in [None, *facts.segments]:
            median = _median(seen[segment])
            result[day, segment] = (median, Decimal(len(seen[segment])), None)
    return result


@dataclass(frozen=True)
class Row:
    day: date
    period: str
    segment: int | None
    kpi: str
    dimension: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


def rows_for(facts: Facts, days: list[date], *, campaign_days: set[date]) -> list[Row]:
    """Every snapshot row of the days asked. Per-campaign ROI rows only for the days in
    `campaign_days` (the run's last day and the ends of periods): the table shows them,
    the trends do not."""
    rows: list[Row] = []
    for kind in KINDS:
        median_of = medians(facts, kind, days)
        for day in days:
            w = window(kind, day)
            for segment in [None, *facts.segments]:
                rows += _segment_rows(facts, w, segment, median_of[day, segment])
            if day in campaign_days:
                rows += _campaign_rows(facts, w)
    return rows


def _segment_rows(facts: Facts, w: Window, segment: int | None, median: Value) -> list[Row]:
    def row(kpi: str, value: Value, dimension: str = "") -> Row:
        return Row(w.end, w.kind, segment, kpi, dimension, *value)

    rows = [row(kpi, value) for kpi, value in kpi_values(facts, segment, w).items()]
    rows.append(row("median_accept_hours", median))
    for band in FIT_BANDS:
        dimension = f"{catalogue.BAND_DIMENSION}{band}"
        for kpi, value in kpi_values(facts, segment, w, dimension).items():
            rows.append(row(kpi, value, dimension))
    for reason in facts.dimensions("rejected_for", segment):
        count = facts.sum("rejected_for", segment, w, reason)
        if count:
            rows.append(row("rejection_reasons", _total(count), reason))
    return rows


def _campaign_rows(facts: Facts, w: Window) -> list[Row]:
    campaigns = set(facts.dimensions("campaign_revenue", None)) | set(
        facts.dimensions("campaign_cost_by", None)
    )
    rows = []
    for dimension in sorted(campaigns):
        revenue = facts.sum("campaign_revenue", None, w, dimension)
        cost = facts.sum("campaign_cost_by", None, w, dimension)
        if revenue or cost:  # revenue is numerator + denominator, as in the company's row
            value = _ratio(revenue - cost, cost)
            rows.append(Row(w.end, w.kind, None, "campaign_roi", dimension, *value))
    return rows
