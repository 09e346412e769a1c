"""The shared dashboard, its CSV export, and the recompute a manager starts by hand."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alignment import roles
from alignment.charts import line_chart, sparkline
from alignment.http import HtmxHttpRequest, template_for
from alignment.templatetags.figures import euro_short
from dashboards.dashboard import queries
from dashboards.dashboard.forms import DashboardFilterForm
from dashboards.kpis import catalogue
from dashboards.kpis.periods import short_label
from dashboards.models import SnapshotRun
from dashboards.snapshots import services
from leads.agreement import queries as agreement_queries
from leads.intake import csv_export

# Half the page wide: the charts' text stays at its size next to each other.
CHART_WIDTH = 560


@require_GET
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_dashboard(request.user))
    filters = DashboardFilterForm(request.GET)
    period, segment, day = filters.values()
    board = queries.dashboard(period=period, segment=segment, day=day)
    if board.by_segment:
        filters.offer([segment for segment, _values in board.by_segment])
    context = {
        "tile_groups": board.groups(roles.home_team(request.user)),
        "filters": filters,
        "board": board,
        "period": period,
        "sparklines": {tile.kpi.key: sparkline(tile.trend) for tile in board.tiles},
        "charts": _charts(board),
        "funnel": _funnel(board),
        "trend_title": _trend_title(period),
        "can_recompute": roles.can_recompute_dashboard(request.user),
        "can_set_targets": roles.can_set_targets(request.user),
        # The dashboard is the managers' home: a draft of the agreement waiting for their
        # approval is said here (the htmx filter swap shows the board only).
        "drafts_waiting": [] if request.htmx else agreement_queries.drafts_awaiting(request.user),
    }
    return render(
        request, template_for(request, "dashboards/dashboard/dashboard.html", "board"), context
    )


def _funnel(board: queries.Dashboard) -> list[dict]:
    """The funnel (catalogue.FUNNEL), each step with the conversion from the step before
    it (the KPI that measures that step)."""
    counts = [
        board.numerators.get(step.kpi) if step.converted else board.value(step.kpi)
        for step in catalogue.FUNNEL
    ]
    widest = max((count for count in counts if count), default=0)
    return [
        {"label": step.label, "count": count,
         "rate": board.value(step.kpi) if step.converted else None, "rate_label": step.converted,
         "width": round(100 * (count or 0) / widest) if widest else 0}
        for step, count in zip(catalogue.FUNNEL, counts, strict=True)
    ]  # fmt: skip


def _trend_title(period: str) -> str:
    return {
        "week": _("The last weeks"),
        "month": _("The last months"),
        "quarter": _("The last quarters"),
        "year": _("The last years"),
    }[period]


def _charts(board: queries.Dashboard) -> dict:
    labels = [short_label(board.window.kind, day) for day in board.trend_days]
    if not labels:
        return {}
    return {
        "revenue": line_chart(
            {
                "won": board.trends.get("won_revenue", []),
                "pipeline": board.trends.get("pipeline_value", []),
            },
            labels,
            format_value=euro_short,
            width=CHART_WIDTH,
        ),
        "leads": line_chart(
            {"new": board.trends.get("new_leads", []), "mqls": board.trends.get("mqls", [])},
            labels,
            width=CHART_WIDTH,
        ),
    }


@require_GET
def export(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_dashboard(request.user))
    period, segment, day = DashboardFilterForm(request.GET).values()
    day = queries.latest_day(period, day) or timezone.localdate()
    header = ["day", "period", "segment", "kpi", "dimension", "value", "numerator",
              "denominator"]  # fmt: skip
    rows = (
        [row.day, row.period, segment.name if segment else "", _kpi_name(row.kpi),
         row.dimension, row.value, row.numerator, row.denominator]
        for row in queries.export_rows(period=period, segment=segment, day=day)
    )  # fmt: skip
    # Segment names and rejection reasons are typed by people: no formulas in a spreadsheet.
    response = HttpResponse(csv_export.stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kpis-{period}-{day}.csv"'
    return response


def _kpi_name(key: str) -> str:
    return str(catalogue.KPIS[key].name) if key in catalogue.KPIS else key


@require_POST
def recompute(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_recompute_dashboard(request.user))
    today = timezone.localdate()
    run = services.start_run(first=today, last=today, by=roles.person_of(request.user))
    return render(request, "dashboards/dashboard/_run.html", {"run": run})


@require_GET
def run_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_recompute_dashboard(request.user))
    run = get_object_or_404(SnapshotRun, pk=pk)
    response = render(request, "dashboards/dashboard/_run.html", {"run": run})
    if run.status == SnapshotRun.Status.DONE and request.htmx:
        response["HX-Refresh"] = "true"  # the dashboard shows the new figures
    return response
