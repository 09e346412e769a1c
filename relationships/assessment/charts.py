"""The assessment's charts: the perception gap per theme and the history of rounds over
the four stage bands, built on the shared scales of alignment/charts.py."""

from dataclasses import dataclass

from django.utils import formats

from alignment.charts import Scale
from relationships.assessment.stages import (
    HIGHEST_RATING,
    HIGHEST_SCORE,
    LOWEST_RATING,
    LOWEST_SCORE,
    STAGES,
    RelationshipStage,
)

# Gap chart: theme names on the left, the 1–5 scale on the right.
GAP_WIDTH = 760
GAP_LABEL_WIDTH = 340
GAP_RIGHT = 730
GAP_ROW = 38
GAP_TOP = 34


_rating_x = Scale(LOWEST_RATING, HIGHEST_RATING, GAP_LABEL_WIDTH, GAP_RIGHT)


@dataclass
class GapRow:
    label: str
    y: float
    marketing: float | None
    sales: float | None
    marketing_x: float | None
    sales_x: float | None
    gap: float | None
    highlighted: bool

    @property
    def line_from(self) -> float | None:
        xs = [x for x in (self.marketing_x, self.sales_x) if x is not None]
        return min(xs) if len(xs) == 2 else None

    @property
    def line_to(self) -> float | None:
        xs = [x for x in (self.marketing_x, self.sales_x) if x is not None]
        return max(xs) if len(xs) == 2 else None


@dataclass
class GapChart:
    width: int
    height: int
    label_width: int
    right: int
    ticks: list[tuple[float, int]]
    rows: list[GapRow]
    top: int = GAP_TOP


# A round on the x axis: its month, "nov 2026" (alignment/formats).
MONTH = "SHORT_YEAR_MONTH_FORMAT"


def gap_chart(theme_rows) -> GapChart:
    """A dumbbell per theme: marketing's and sales's average, joined by the gap."""
    rows = []
    for index, row in enumerate(theme_rows):
        rows.append(
            GapRow(
                label=row.theme.name,
                y=GAP_TOP + index * GAP_ROW + GAP_ROW / 2,
                marketing=row.marketing,
                sales=row.sales,
                marketing_x=_rating_x(row.marketing) if row.marketing is not None else None,
                sales_x=_rating_x(row.sales) if row.sales is not None else None,
                gap=row.gap,
                highlighted=row.highlighted,
            )
        )
    ticks = [(_rating_x(value), value) for value in range(LOWEST_RATING, HIGHEST_RATING + 1)]
    height = GAP_TOP + len(rows) * GAP_ROW + 10
    return GapChart(GAP_WIDTH, height, GAP_LABEL_WIDTH, GAP_RIGHT, ticks, rows)


# History chart: score 20–100 upwards, rounds left to right, stage bands behind.
HISTORY_WIDTH = 760
HISTORY_HEIGHT = 320
HISTORY_LEFT = 48
HISTORY_RIGHT = 620
HISTORY_TOP = 16
HISTORY_BOTTOM = 270
HISTORY_INSET = 90
SERIES = ("score", "marketing", "sales")


_score_y = Scale(LOWEST_SCORE, HIGHEST_SCORE, HISTORY_BOTTOM, HISTORY_TOP)


@dataclass
class Band:
    stage: RelationshipStage
    y: float
    height: float
    label_y: float


@dataclass
class Dot:
    x: float
    y: float
    value: int
    series: str
    title: str


@dataclass
class Series:
    name: str
    dots: list[Dot]

    @property
    def points(self) -> str:
        return " ".join(f"{dot.x},{dot.y}" for dot in self.dots)


@dataclass
class XLabel:
    x: float
    text: str
    date: str


@dataclass
class HistoryChart:
    width: int
    height: int
    left: int
    right: int
    bottom: int
    bands: list[Band]
    series: list[Series]
    labels: list[XLabel]
    ticks: list[tuple[float, int]]

    @property
    def plot_width(self) -> int:
        return self.right - self.left


def _band(stage: RelationshipStage) -> Band:
    top = _score_y(min(stage.highest + 1, 100))
    bottom = _score_y(stage.lowest)
    return Band(stage, top, round(bottom - top, 1), round((top + bottom) / 2 + 4, 1))


def history_chart(points) -> HistoryChart:
    """Overall, marketing and sales scores per closed round, over the four stage bands."""
    count = len(points)
    # The first and last rounds sit inside the plot, so their centred labels fit.
    first, last = HISTORY_LEFT + HISTORY_INSET, HISTORY_RIGHT - HISTORY_INSET
    xs = [
        round(first + ((last - first) / 2 if count == 1 else (last - first) * i / (count - 1)), 1)
        for i in range(count)
    ]
    series = []
    for name in SERIES:
        dots = [
            Dot(x, _score_y(value), value, name, point.round.title)
            for x, point in zip(xs, points, strict=True)
            if (value := getattr(point, name)) is not None
        ]
        series.append(Series(name, dots))
    labels = [
        XLabel(x, point.round.title, formats.date_format(point.round.ended_on, MONTH))
        for x, point in zip(xs, points, strict=True)
    ]
    ticks = [(_score_y(value), value) for value in (20, 40, 60, 80, 100)]
    return HistoryChart(
        HISTORY_WIDTH,
        HISTORY_HEIGHT,
        HISTORY_LEFT,
        HISTORY_RIGHT,
        HISTORY_BOTTOM,
        [_band(stage) for stage in STAGES],
        series,
        labels,
        ticks,
    )


@dataclass
class Slice:
    rating: int
    x: float
    width: float
    count: int


def distribution_segments(counts: list[int]) -> list[Slice]:
    """A 100%-stacked bar (0–100 wide) of the answers 1..5 to one statement."""
    total = sum(counts)
    segments, x = [], 0.0
    for rating, count in enumerate(counts, start=1):
        width = round(100 * count / total, 2) if total else 0
        if width:
            segments.append(Slice(rating, round(x, 2), width, count))
        x += width
    return segments
