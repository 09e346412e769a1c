"""The shared commercial budget: managers set the plan, marketing's spend comes from its
campaigns, sales enters its own; everyone sees plan, committed and actual beside revenue."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from alignment.templatetags.figures import euro, percent
from dashboards.budget import queries
from dashboards.models import BudgetAllocation
from leads.campaigns import services as spend
from leads.models import Lead, Spend, Stage
from tests.conftest import make_person
from tests.leads.campaigns.helpers import add_cost, make_campaign
from tests.leads.helpers import make_lead
from tests.queries import assert_same_query_count

YEAR = timezone.localdate().year


def _plan(client, **cells) -> object:
    data = {f"marketing-{cat}-q{q}": "" for cat in ("campaigns",) for q in (1, 2, 3, 4)}
    return client.post(reverse("dashboards:budget_plan") + f"?year={YEAR}", data | cells)


def test_a_manager_sets_the_plan_and_everyone_reads_it(login, manager, service_agent):
    response = _plan(
        login(manager), **{"marketing-campaigns-q1": "10000", "sales-travel-q2": "500"}
    )
    assert response.status_code == 302
    overview = queries.year_overview(YEAR)
    assert overview.teams["marketing"].quarters[1].plan == Decimal(10000)
    assert overview.teams["sales"].categories["travel"].plan == Decimal(500)
    page = login(service_agent).get(reverse("dashboards:budget"), {"year": YEAR})
    assert page.status_code == 200


def test_an_empty_cell_removes_the_allocation_and_a_bad_one_saves_nothing(login, manager):
    client = login(manager)
    _plan(client, **{"marketing-campaigns-q1": "10000"})
    bad = _plan(client, **{"marketing-campaigns-q1": "", "marketing-campaigns-q2": "-4"})
    assert bad.status_code == 200
    assert BudgetAllocation.objects.get().amount == Decimal(10000)
    _plan(client, **{"marketing-campaigns-q1": ""})
    assert not BudgetAllocation.objects.exists()


def test_a_salesperson_cannot_set_the_plan(login, salesperson):
    assert _plan(login(salesperson), **{"sales-travel-q1": "1"}).status_code == 403
    assert not BudgetAllocation.objects.exists()


def test_committed_and_actual_and_the_warning_when_over_the_plan(login, manager, marketer):
    _plan(login(manager), **{"marketing-campaigns-q1": "1000"})
    today = timezone.localdate()
    start = datetime.date(YEAR, 1, 10)
    campaign = make_campaign(
        owner=marketer, start_date=start, end_date=start, status="running", budget=Decimal(3000)
    )
    add_cost(campaign, "800", by=marketer, date=start)
    overview = queries.year_overview(YEAR)
    marketing = overview.teams["marketing"]
    assert marketing.year.actual == Decimal(800)
    assert marketing.year.committed == Decimal(3000)  # spent 800 + 2,200 still to spend
    assert marketing.year.over_committed
    page = (
        login(manager)
        .get(reverse("dashboards:budget"), {"year": YEAR}, headers={"Accept-Language": "en"})
        .text
    )
    assert "more than its plan" in page
    assert today.year == YEAR


def test_revenue_beside_each_teams_spend(marketer):
    campaign = make_campaign(owner=marketer)
    add_cost(campaign, "1000", by=marketer)
    won_day = timezone.localdate()
    for source in (campaign, None):
        lead = make_lead(source_campaign=source)
        Lead.objects.filter(pk=lead.pk).update(
            stage=Stage.WON, won_amount=Decimal(4000), close_date=won_day
        )
    overview = queries.year_overview(YEAR)
    assert overview.teams["marketing"].revenue == Decimal(4000)  # sourced by a campaign
    assert overview.teams["sales"].revenue == Decimal(8000)  # all won revenue
    assert overview.teams["marketing"].roi == Decimal(3)


def test_sales_enters_and_removes_its_own_spend_lines(login, salesperson, sales_manager):
    data = {"date": f"{YEAR}-02-01", "amount": "120.00", "category": "travel",
            "description": "Train to a customer"}  # fmt: skip
    assert login(salesperson).post(reverse("dashboards:spend_add"), data).status_code == 302
    line = Spend.objects.get()
    assert (line.team, line.created_by) == ("sales", salesperson)
    colleague = make_person("salesperson", username="col")
    url = reverse("dashboards:spend_delete", args=[line.pk])
    assert login(colleague).post(url).status_code == 403
    assert login(sales_manager).post(url).status_code == 302
    assert not Spend.objects.exists()


def test_marketing_cannot_enter_sales_spend(login, marketer):
    data = {"date": f"{YEAR}-02-01", "amount": "1", "category": "travel", "description": "X"}
    assert login(marketer).post(reverse("dashboards:spend_add"), data).status_code == 403
    with pytest.raises(PermissionDenied):  # the service refuses as well
        spend.add_sales_spend(values=data, by=marketer)
    assert not Spend.objects.exists()


def test_the_page_runs_a_constant_number_of_queries(login, manager, marketer, salesperson):
    client = login(salesperson)

    def more():
        campaign = make_campaign(owner=marketer, code=f"B{Spend.objects.count()}")
        add_cost(campaign, "10", by=marketer)
        make_lead(source_campaign=campaign)
        spend.add_sales_spend(
            values={
                "date": timezone.localdate(),
                "amount": Decimal(5),
                "category": "tools",
                "description": "Tool",
            },  # fmt: skip
            by=salesperson,
        )

    assert_same_query_count(lambda: client.get(reverse("dashboards:budget")), more)


def test_money_reads_in_the_users_language():
    with translation.override("nl"):
        assert euro(Decimal("1200000")) == "€ 1.200.000,00"
        assert percent(Decimal("0.25")) == "25%"
    with translation.override("en"):
        assert euro(Decimal("1200000")) == "€1,200,000.00"
        assert euro(None) == "—"


def test_quarters_read_in_the_users_language(login, manager):
    _plan(login(manager), **{"marketing-campaigns-q1": "10000"})
    dutch = {"Accept-Language": "nl"}
    for name in ("dashboards:budget", "dashboards:budget_plan"):
        page = login(manager).get(reverse(name), {"year": YEAR}, headers=dutch).text
        assert ">K1<" in page and ">Q1<" not in page, name
