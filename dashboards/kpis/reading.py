"""How a KPI's figure reads against its target: pace, progress and a traffic light with
a text label (colour is never the only signal). Pure: no database."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from dashboards.kpis.catalogue import Kpi
from dashboards.kpis.periods import Window, end_of

# Totals that grow through a period: their target is compared with the part of the period
# gone by. Rates, averages and the pipeline are compared as they stand.
CUMULATIVE = {"new_leads", "mqls", "won_revenue", "marketing_revenue"}
# Within this share short of the target is "close"; further is "behind".
CLOSE = Decimal("0.10")

LIGHTS = {
    "green": _("On target"),
    "amber": _("Close to target"),
    "red": _("Behind target"),
    "none": _("No target"),
}


@dataclass(frozen=True)
class Reading:
    light: str
    expected: Decimal | None  # the target at this point of the period
    progress: Decimal | None  # actual ÷ expected

    @property
    def label(self) -> str:
        return str(LIGHTS[self.light])


def pace(kpi: Kpi, target: Decimal, w: Window) -> Decimal:
    if kpi.key not in CUMULATIVE:
        return target
    days = (end_of(w.kind, w.start) - w.start).days + 1
    return (target * Decimal(w.days) / Decimal(days)).quantize(Decimal("0.0001"))


def read(kpi: Kpi, actual: Decimal | None, target: Decimal | None, w: Window) -> Reading:
    if target is None or actual is None:
        return Reading("none", None, None)
    expected = pace(kpi, target, w)
    progress = (actual / expected).quantize(Decimal("0.0001")) if expected else None
    if kpi.better(actual, expected):
        return Reading("green", expected, progress)
    gap = abs(actual - expected) / expected if expected else Decimal(1)
    return Reading("amber" if gap <= CLOSE else "red", expected, progress)
