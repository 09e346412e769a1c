"""Geometry for the server-rendered SVG charts of every app: scales, ticks and line charts.
Templates only place what is computed here: no JavaScript, no inline styles (the CSP
forbids them), sharp on a projector. Pure: no database."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

Number = int | float | Decimal


@dataclass(frozen=True)
class Scale:
    """Maps values from [low, high] onto pixels [start, end] (end may be above start)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: Number) -> float:
        span = (self.high - self.low) or 1.0
        share = (float(value) - self.low) / span
        return round(self.start + share * (self.end - self.start), 1)


def nice_ticks(high: Number, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least `high`: 0, 250, 500, 750, 1000."""
    high = float(high)
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil(high / step) + 1)]


@dataclass
class Point:
    x: float
    y: float
    value: Number
    label: str


@dataclass
class Line:
    name: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: list[Line]
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)


def whole_number(value: Number) -> str:
    """A tick's value as the reader's language writes it: 1.000 in Dutch, 1,000 in English."""
    return number_format(round(value), force_grouping=True)


def line_chart(
    series: dict[str, list[Number | None]],
    labels: list[str],
    *,
    format_value=whole_number,
    width: int = 760,
    height: int = 300,
    every_nth_label: int = 1,
) -> LineChart:
    """One polyline per named series over the same x labels; None leaves a gap out."""
    # Room for the value labels on the left and half an x label on the right.
    left, right, top, bottom = 80, width - 36, 16, height - 40
    values = [float(v) for points in series.values() for v in points if v is not None]
    ticks = nice_ticks(max(values, default=0))
    y = Scale(0, ticks[-1], bottom, top)
    x = Scale(0, max(len(labels) - 1, 1), left, right)
    lines = [
        Line(name, [Point(x(i), y(v), v, labels[i]) for i, v in enumerate(points) if v is not None])
        for name, points in series.items()
    ]
    return LineChart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        lines,
        y_ticks=[Tick(y(value), format_value(value)) for value in ticks],
        x_ticks=[Tick(x(i), label) for i, label in enumerate(labels) if i % every_nth_label == 0],
    )


def sparkline(values: list[Number | None], *, width: int = 120, height: int = 28) -> str:
    """The points of a small polyline (no axes) through the values; None is left out."""
    known = [float(v) for v in values if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    x = Scale(0, max(len(values) - 1, 1), 2, width - 2)
    y = Scale(low, high if high > low else low + 1, height - 2, 2)
    return " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values) if v is not None)
