"""The target editor: a grid with one row per KPI, each row saved on its own (htmx)."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from alignment import roles
from alignment.http import HtmxHttpRequest
from dashboards.kpis import catalogue
from dashboards.models import PeriodKind
from dashboards.targets import queries, services
from dashboards.targets.forms import TargetCellForm, TargetScopeForm


def _as_typed(kpi: catalogue.Kpi, value: Decimal | None) -> str | None:
    """A stored target as the editor shows it: a rate (0.75) as its percentage (75), and
    no trailing zeros or exponent (820, not 820.0000; 100, not 1E+2)."""
    if value is None:
        return None
    if kpi.is_rate:
        value = (value * 100).quantize(Decimal("0.01"))
    return format(value.normalize(), "f")


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
        "period_label": PeriodKind(period).label,
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
    except ValidationError as invalid:  # the model's own limits (e.g. the largest target)
        return _answer(request, form, error=" ".join(invalid.messages))
    return _answer(request, form, target=target, done=_("Saved."))


def _answer(request, form, *, target=None, error="", done="") -> HttpResponse:
    """The row again (htmx), or back to the editor, on the same scope, with a message."""
    data = form.cleaned_data
    kpi = catalogue.KPIS.get(data.get("kpi"))
    row_known = kpi is not None and {"period", "start", "segment"} <= data.keys()
    if not request.htmx or not row_known:
        (messages.error if error else messages.success)(request, error or done)
        url = _editor_url(data)
        # A row whose hidden fields were tampered with cannot be redrawn: reload the editor.
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    scope = {"period": data["period"], "start": data["start"], "segment": data.get("segment")}
    if error and target is None:  # show what is stored, so the next edit starts from it
        target = queries.targets_of(scope["period"], scope["start"], scope["segment"]).get(kpi.key)
    context = _row(kpi, target, scope, error=error, done=done, can_set=True)
    return render(request, "dashboards/targets/targets.html#row", context)


def _editor_url(data: dict) -> str:
    """The editor on the scope the row was posted from, as far as it was valid."""
    scope = {
        "period": data.get("period"),
        "start": data.get("start"),  # the editor shows the period that contains it
        "segment": data["segment"].pk if data.get("segment") else None,
    }
    query = urlencode({key: value for key, value in scope.items() if value})
    return reverse("dashboards:targets") + (f"?{query}" if query else "")
