"""Lists built for volume (issue #10), in Dutch: marketing hands off a whole page with
"select all" and gets one summary; a salesperson works the queue as a table, accepts a
lead in place and keeps the keyboard focus on that row."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, after_htmx_settles, log_in
from tests.leads.handoff.helpers import make_agreement, ready_lead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    marketer = make_person("marketer", username="mia")
    salesperson = make_person("salesperson", username="sam")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"))
    names = ["Anna Bos", "Bram Veen", "Cor Wit"]
    leads = [
        ready_lead(by=marketer, first_name=first, last_name=last, email=f"{first}@x.nl")
        for first, last in (name.split() for name in names)
    ]
    return marketer, salesperson, leads


def test_marketer_selects_all_and_hands_off_with_one_summary(live_server, page, world):
    from leads.models import Lead, Stage

    _marketer, _salesperson, leads = world
    log_in(page, live_server, "mia", PASSWORD)
    page.goto(f"{live_server.url}/handoff/")
    bar = page.locator(".bulkbar")
    assert "3 leads klaar" in bar.inner_text()
    page.get_by_label("Alles op deze pagina selecteren").check()
    assert bar.locator("output").inner_text() == "3"
    page.get_by_label("Anna Bos selecteren").uncheck()
    assert bar.locator("output").inner_text() == "2"
    page.get_by_label("Alles op deze pagina selecteren").check()
    assert bar.locator("output").inner_text() == "3"
    # The submit button sits in the bar at the top: reachable without scrolling.
    button = page.get_by_role("button", name="Geselecteerde leads overdragen")
    assert button.bounding_box()["y"] < 800
    button.click()
    page.wait_for_selector(".message-success")
    messages = page.locator(".messages li")
    assert messages.count() == 1
    assert "3 leads zijn overgedragen: Sam Tester (3)" in messages.inner_text()
    assert Lead.objects.filter(pk__in=[lead.pk for lead in leads], stage=Stage.MQL).count() == 3


def test_the_handoff_list_is_accessible(live_server, axe_page, world):
    log_in(axe_page, live_server, "mia", PASSWORD)
    axe_page.goto(f"{live_server.url}/handoff/")
    assert accessibility_violations(axe_page) == []


def test_salesperson_accepts_in_the_table_and_keeps_the_focus_on_the_row(live_server, page, world):
    from leads.handoff import services as lifecycle
    from leads.models import Lead, Stage

    marketer, salesperson, leads = world
    lifecycle.hand_off(lead_ids=[lead.pk for lead in leads], by=marketer)
    log_in(page, live_server, "sam", PASSWORD)
    page.goto(f"{live_server.url}/queue/")
    page.get_by_role("button", name="Tabel").click()
    page.wait_for_selector("table.queue-table")
    lead = leads[1]
    row = page.locator(f"#lead-{lead.pk}")
    assert "MQL" in row.inner_text()
    assert row.get_by_role("link", name="+31 6 1234 5678").get_attribute("href") == (
        "tel:+31612345678"
    )
    page.evaluate("window.notReloaded = true")
    button = row.get_by_role("button", name="Bram Veen accepteren")
    button.focus()
    after_htmx_settles(page, lambda: page.keyboard.press("Enter"))
    row = page.locator(f"#lead-{lead.pk}")
    assert "Je hebt Bram Veen geaccepteerd" in row.inner_text()
    assert row.locator(".badge").inner_text() == "SAL"  # the new stage, without a reload
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.activeElement.id") == f"lead-{lead.pk}"
    # The next Tab goes on inside the row, not back at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate(f"!!document.activeElement.closest('#lead-{lead.pk}')")
    assert Lead.objects.get(pk=lead.pk).stage == Stage.SAL
    # Remembered: the queue opens as a table next time.
    page.goto(f"{live_server.url}/queue/")
    expect(page.locator("table.queue-table")).to_be_visible()


def test_the_queue_table_is_accessible(live_server, axe_page, world):
    from leads.handoff import services as lifecycle

    marketer, salesperson, leads = world
    lifecycle.hand_off(lead_ids=[lead.pk for lead in leads], by=marketer)
    lifecycle.choose_queue_view(person=salesperson, view="table")
    log_in(axe_page, live_server, "sam", PASSWORD)
    axe_page.goto(f"{live_server.url}/queue/")
    expect(axe_page.locator("table.queue-table")).to_be_visible()
    assert accessibility_violations(axe_page) == []


def test_the_rejected_list_with_its_filters_is_accessible(live_server, axe_page, world):
    from leads.handoff import services as lifecycle
    from leads.models import Stage

    marketer, salesperson, leads = world
    lifecycle.hand_off(lead_ids=[leads[0].pk], by=marketer)
    lifecycle.change_stage(lead_id=leads[0].pk, to=Stage.REJECTED, by=salesperson,
                           reason="no_budget", note="Pas in maart")  # fmt: skip
    log_in(axe_page, live_server, "mia", PASSWORD)
    axe_page.goto(f"{live_server.url}/rejected/?reason=no_budget")
    assert "Pas in maart" in axe_page.locator("#results").inner_text()
    assert accessibility_violations(axe_page) == []


def test_sales_manager_reassigns_a_page_of_leads_at_once(live_server, page, world):
    from leads.handoff import services as lifecycle
    from leads.models import Lead

    marketer, salesperson, leads = world
    lifecycle.hand_off(lead_ids=[lead.pk for lead in leads], by=marketer)
    colleague = make_person("salesperson", username="sara", first_name="Sara")
    make_person("sales_manager", username="stefan")
    log_in(page, live_server, "stefan", PASSWORD)
    page.goto(f"{live_server.url}/queue/")
    bar = page.locator("#bulk-reassign")
    page.get_by_label("Alles op deze pagina selecteren").check()
    assert bar.locator("output").inner_text() == "3"
    picker = page.get_by_label("Toewijzen aan")
    assert f"{salesperson.name} (3 open)" in picker.inner_text()
    picker.select_option(label=f"{colleague.name} (0 open)")
    # Picking a person is not a filter of the list: the selection stays.
    page.wait_for_timeout(500)
    assert bar.locator("output").inner_text() == "3"
    assert page.locator("#queue-list input[name=lead]:checked").count() == 3
    page.get_by_role("button", name="Geselecteerde leads anders toewijzen").click()
    page.wait_for_selector(".messages")
    assert page.locator(".messages").inner_text() == f"3 leads zijn nu van {colleague.name}."
    assert Lead.objects.filter(owner=colleague).count() == 3
    assert f"{colleague.name} (3 open)" in page.get_by_label("Toewijzen aan").inner_text()


def test_the_team_queue_with_its_bulk_bar_is_accessible(live_server, axe_page, world):
    from leads.handoff import services as lifecycle

    marketer, _salesperson, leads = world
    lifecycle.hand_off(lead_ids=[lead.pk for lead in leads], by=marketer)
    manager = make_person("sales_manager", username="stefan")
    for view in ("cards", "table"):
        lifecycle.choose_queue_view(person=manager, view=view)
        log_in(axe_page, live_server, "stefan", PASSWORD)
        axe_page.goto(f"{live_server.url}/queue/")
        expect(axe_page.locator("#bulk-reassign")).to_be_visible()
        assert accessibility_violations(axe_page) == [], view
        axe_page.context.clear_cookies()


def test_the_managers_lead_list_with_its_bulk_bar_is_accessible(live_server, axe_page, world):
    from leads.handoff import services as lifecycle

    marketer, _salesperson, leads = world
    lifecycle.hand_off(lead_ids=[leads[0].pk], by=marketer)
    make_person("sales_manager", username="stefan")
    log_in(axe_page, live_server, "stefan", PASSWORD)
    axe_page.goto(f"{live_server.url}/leads/")
    expect(axe_page.locator("#bulk-reassign")).to_be_visible()
    assert accessibility_violations(axe_page) == []
