"""The target editor: a grid with one row per KPI, each row saved on its own (htmx)."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest
from dashboards.kpis import catalogue
from dashboards.targets import queries, services
from dashboards.targets.forms import TargetCellForm, TargetScopeForm


def _as_typed(kpi: catalogue.Kpi, value: Decimal | None) -> Decimal | None:
    """A stored rate (0.75) as the editor shows it (75)."""
    if value is None or not kpi.is_rate:
        return value
    return (value * 100).quantize(Decimal("0.01")).normalize()


def _row(kpi, target, scope, **extra) -> dict:
    return {
        "kpi": kpi,
        "target": target,
        "typed": _as_typed(kpi, target.value) if target else None,
        "scope": scope,
        **extra,
    }


@require_GET
def targets(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_dashboard(request.user))
    scope_form = TargetScopeForm(request.GET)
    period, start, segment = scope_form.scope(timezone.localdate())
    scope = {"period": period, "start": start, "segment": segment}
    current = queries.targets_of(period, start, segment)
    context = {
        "scope_form": scope_form,
        "scope": scope,
        "rows": [_row(kpi, current.get(kpi.key), scope) for kpi in queries.editable_kpis()],
        "can_set": roles.can_set_targets(request.user),
    }
    return render(request, "dashboards/targets/targets.html", context)


@require_POST
def target_cell(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_set_targets(request.user))
    form = TargetCellForm(request.POST)
    if not form.is_valid():
        return _answer(request, form, error=" ".join(m for e in form.errors.values() for m in e))
    data = form.cleaned_data
    try:
        target = services.set_target(
            kpi=data["kpi"],
            period=data["period"],
            start=data["start"],
            segment=data["segment"],
            value=data["value"],
            joint=data["joint"],
            version=data["version"],
            by=roles.person_of(request.user),
        )
    except services.TargetConflict as conflict:
        return _answer(request, form, target=conflict.current, error=str(conflict))
    return _answer(request, form, target=target, done=_("Saved."))


def _answer(request, form, *, target=None, error="", done="") -> HttpResponse:
    """The row again (htmx), or back to the editor with a message."""
    data = form.cleaned_data
    kpi = catalogue.KPIS.get(data.get("kpi"))
    if not request.htmx or kpi is None:
        (messages.error if error else messages.success)(request, error or done)
        return redirect(reverse("dashboards:targets") + f"?period={data.get('period', '')}")
    scope = {"period": data["period"], "start": data["start"], "segment": data.get("segment")}
    if error and target is None and "version" in data:
        target = queries.targets_of(scope["period"], scope["start"], scope["segment"]).get(kpi.key)
    context = _row(kpi, target, scope, error=error, done=done, can_set=True)
    return render(request, "dashboards/targets/targets.html#row", context)
