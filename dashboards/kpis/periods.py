"""Periods of the shared numbers: the week (Monday first), month, quarter and year that
contain a day, to date. Pure: no database."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

KINDS = ("week", "month", "quarter", "year")


def start_of(kind: str, day: date) -> date:
    if kind == "week":
        return day - timedelta(days=day.weekday())
    if kind == "month":
        return day.replace(day=1)
    if kind == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if kind == "year":
        return date(day.year, 1, 1)
    raise ValueError(kind)


def end_of(kind: str, day: date) -> date:
    """The last day of the period that contains `day`."""
    if kind == "week":
        return start_of(kind, day) + timedelta(days=6)
    if kind == "year":
        return date(day.year, 12, 31)
    months = 1 if kind == "month" else 3
    first = start_of(kind, day)
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


def previous_end(kind: str, day: date) -> date:
    """The last day of the period before the one that contains `day`."""
    return start_of(kind, day) - timedelta(days=1)


@dataclass(frozen=True)
class Window:
    kind: str
    start: date
    end: date  # included: the day the figures are to date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def window(kind: str, day: date) -> Window:
    return Window(kind, start_of(kind, day), day)


def period_ends(kind: str, day: date, count: int) -> list[date]:
    """The last days of the `count` periods up to the one containing `day` (that one to
    `day` itself), oldest first: the points of a trend."""
    ends = [day]
    while len(ends) < count:
        ends.append(previous_end(kind, ends[-1]))
    return ends[::-1]


def plan_between(first: date, last: date, per_quarter: Mapping[tuple[int, int], Decimal]):
    """The budget plan (a Decimal) from `first` to `last`, both included: each quarter's
    amount (by (year, quarter)) spread evenly over the quarter's days."""
    total = Decimal(0)
    day = first
    while day <= last:
        quarter_start, quarter_end = start_of("quarter", day), end_of("quarter", day)
        until = min(quarter_end, last)
        share = Decimal((until - day).days + 1) / Decimal((quarter_end - quarter_start).days + 1)
        total += per_quarter.get((day.year, (day.month - 1) // 3 + 1), Decimal(0)) * share
        day = until + timedelta(days=1)
    return total.quantize(Decimal("0.01"))


def short_label(kind: str, day: date) -> str:
    """The period that contains `day`, as a chart's axis names it: "wk 47", "Nov 2026",
    "Q4 2026", "2026"."""
    if kind == "week":
        return _("wk %(week)s") % {"week": day.isocalendar().week}
    if kind == "month":
        return date_format(day, "SHORT_YEAR_MONTH_FORMAT")
    if kind == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}
    return str(day.year)
