from datetime import date

from dashboards.kpis import catalogue
from dashboards.models import Target
from leads.models import Segment


def targets_of(period: str, start: date, segment: Segment | None) -> dict[str, Target]:
    rows = Target.objects.filter(period=period, period_start=start, segment=segment)
    return {target.kpi: target for target in rows.select_related("updated_by__user")}


def editable_kpis() -> list[catalogue.Kpi]:
    return [kpi for kpi in catalogue.CATALOGUE if not kpi.listing]
