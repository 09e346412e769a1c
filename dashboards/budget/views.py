"""The budget page for everyone, the plan editor for managers, sales spend lines."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.charts import line_chart
from alignment.forms import errors_in_words
from alignment.http import HtmxHttpRequest
from alignment.templatetags.figures import euro
from dashboards.budget import queries, services
from dashboards.budget.forms import PlanForm, YearForm
from leads.campaigns import services as spend_services
from leads.campaigns.forms import SpendForm
from leads.models import Spend


def _me(request: HttpRequest):
    person = roles.person_of(request.user)
    roles.require(person is not None)
    return person


@require_GET
def budget(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_campaigns(request.user))
    year = YearForm(request.GET).year_or_this()
    overview = queries.year_overview(year)
    can_spend = roles.can_enter_sales_spend(request.user)
    context = {
        "overview": overview,
        "chart": line_chart(
            {name: list(points) for name, points in overview.burn_up.items()},
            [date_format(week, "MONTH_DAY_FORMAT") for week in overview.weeks],
            format_value=lambda value: euro(value, 0),
            every_nth_label=9,
        ),
        "years": queries.budget_years(),
        "can_edit": roles.can_edit_budget(request.user),
        "can_spend": can_spend,
        "spend_form": SpendForm(initial={"category": "events"}) if can_spend else None,
        "sales_spend": [
            (line, roles.can_remove_sales_spend(request.user, line.created_by))
            for line in queries.sales_spend(year)
        ],
        "help": {
            "plan": queries.PLAN_HELP,
            "committed": queries.COMMITTED_HELP,
            "actual": queries.ACTUAL_HELP,
        },
    }
    return render(request, "dashboards/budget/budget.html", context)


@require_http_methods(["GET", "POST"])
def plan_edit(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_edit_budget(request.user))
    year = YearForm(request.GET).year_or_this()
    amounts = {key: row.amount for key, row in queries.allocations(year).items()}
    form = PlanForm(request.POST or None, initial_amounts=amounts)
    if request.method == "POST" and form.is_valid():
        services.save_plan(year=year, amounts=form.amounts(), by=_me(request))
        messages.success(request, _("The budget for %(year)s is saved.") % {"year": year})
        return redirect(reverse("dashboards:budget") + f"?year={year}")
    return render(request, "dashboards/budget/plan.html", {"form": form, "year": year})


@require_POST
def spend_add(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_enter_sales_spend(request.user))
    form = SpendForm(request.POST)
    if form.is_valid():
        line = spend_services.add_sales_spend(values=form.cleaned_data, by=_me(request))
        messages.success(request, _("The spend line is added."))
        return redirect(reverse("dashboards:budget") + f"?year={line.date.year}#sales-spend")
    messages.error(
        request,
        _("The spend line was not added: %(errors)s") % {"errors": errors_in_words(form)},
    )
    return redirect(reverse("dashboards:budget") + "#sales-spend")


@require_POST
def spend_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(Spend, pk=pk)
    if line.campaign_id:
        raise Http404
    spend_services.remove_spend(line=line, by=_me(request))
    messages.success(request, _("The spend line is removed."))
    return redirect(reverse("dashboards:budget") + f"?year={line.date.year}#sales-spend")
