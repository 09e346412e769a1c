"""Geometry for the server-rendered SVG charts of every app: scales, ticks and line charts.
Templates only place what is computed here: no JavaScript, no inline styles (the CSP
forbids them), sharp on a projector. Pure: no database."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

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


def line_chart(
    series: dict[str, list[Number | None]],
    labels: list[str],
    *,
    format_value=str,
    width: int = 760,
    height: int = 300,
    every_nth_label: int = 1,
) -> LineChart:
    """One polyline per named series over the same x labels; None leaves a gap out."""
    left, right, top, bottom = 80, width - 20, 16, height - 40
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
