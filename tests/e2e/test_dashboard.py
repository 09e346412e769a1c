"""The shared dashboard in the browser, in Dutch: a manager lands on it, changes the period
and sees other figures under an address that can be shared; sets a target in the grid
without a page reload; both pages pass axe."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD, make_person
from tests.dashboards.dashboard.helpers import fill, finished_run, target
from tests.e2e.conftest import accessibility_violations, after_htmx_settles, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures():
    """Yesterday's figures: 30 new leads this quarter, 6 this month."""
    manager = make_person("manager", username="maud")
    make_person("marketer", username="mia")
    day = timezone.localdate() - timedelta(days=1)
    fill(day, base=10)
    fill(day, period="month", base=2)
    target("mqls", 300, by=manager, day=day, joint=True)
    finished_run(hours_ago=6)
    return manager


def test_a_manager_lands_on_the_dashboard_and_filters_it(live_server, page, figures):
    log_in(page, live_server, "maud", PASSWORD)
    page.wait_for_url(f"{live_server.url}/dashboard/")  # the new page has loaded
    new_leads = page.locator("#tile-new_leads .kpi-value")
    assert new_leads.inner_text() == "30"
    page.locator("#id_period").select_option("month")
    # htmx swaps the board in place and puts the filter in the address.
    page.wait_for_url(re.compile(r"/dashboard/\?.*period=month"))
    page.wait_for_function(
        "() => document.querySelector('#tile-new_leads .kpi-value').textContent.trim() === '6'"
    )
    assert page.locator("#id_period").input_value() == "month"
    # The address is a view of its own: opened afresh it shows the month again.
    page.goto(page.url)
    assert new_leads.inner_text() == "6"
    assert page.locator("#id_period").input_value() == "month"


def test_a_manager_sets_a_target_in_the_grid_without_a_reload(live_server, page, figures):
    from dashboards.models import Target

    log_in(page, live_server, "maud", PASSWORD)
    page.goto(f"{live_server.url}/dashboard/targets/")
    page.evaluate("window.notReloaded = true")
    row = page.locator("#target-acceptance_rate")
    row.locator("input[name=value]").fill("75")
    after_htmx_settles(page, lambda: row.locator("input[name=value]").press("Tab"))  # leaving
    page.wait_for_function("() => document.querySelector('#target-acceptance_rate .saved')")
    # the box in its own column, same row form
    after_htmx_settles(page, lambda: row.locator("input[name=joint]").check())
    page.wait_for_function(
        "() => document.querySelector('#target-acceptance_rate input[name=version]').value === '2'"
    )
    stored = Target.objects.get(kpi="acceptance_rate")
    assert (stored.value, stored.joint) == (Decimal("0.75"), True)
    assert page.evaluate("window.notReloaded") is True
    row.locator("input[name=value]").fill("2000")
    row.locator("input[name=value]").press("Tab")
    page.wait_for_selector("#target-acceptance_rate .error")
    assert Target.objects.get(kpi="acceptance_rate").value == Decimal("0.75")
    assert row.locator("input[name=value]").input_value() == "75"


@pytest.mark.parametrize("username", ["maud", "mia"])
def test_the_dashboard_and_the_target_editor_are_accessible(
    live_server, axe_page, figures, username
):
    log_in(axe_page, live_server, username, PASSWORD)
    for path in ["/dashboard/", "/dashboard/?period=week", "/dashboard/targets/"]:
        axe_page.goto(live_server.url + path)
        assert accessibility_violations(axe_page) == [], path
