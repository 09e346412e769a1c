"""The handoff in the browser: a marketer hands off an MQL, the salesperson finds it in the
queue with a running clock and accepts it in one click, without a page reload."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.handoff.helpers import make_agreement, ready_lead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    marketer = make_person("marketer", username="mia")
    salesperson = make_person("salesperson", username="sam")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"))
    lead = ready_lead(by=marketer, first_name="Anna", last_name="Bos")
    return marketer, salesperson, lead


def test_marketer_hands_off_and_salesperson_accepts(live_server, page, world):
    from leads.models import Lead, Stage

    _marketer, salesperson, lead = world
    log_in(page, live_server, "mia", PASSWORD)
    page.goto(f"{live_server.url}/handoff/")
    page.get_by_label("Anna Bos selecteren").check()
    page.get_by_role("button", name="Geselecteerde leads overdragen").click()
    page.wait_for_selector(".message-success")
    assert "Sam Tester" in page.locator(".messages").inner_text()
    assert Lead.objects.get(pk=lead.pk).stage == Stage.MQL

    page.context.clear_cookies()
    log_in(page, live_server, "sam", PASSWORD)
    # The salesperson's home shows the queue; the queue shows the running clock.
    expect(page.get_by_role("heading", name="Mijn wachtrij")).to_be_visible()
    page.get_by_role("link", name="Open de wachtrij").click()
    # htmx takes the buttons over when the page has loaded; a click before that posts the
    # form without it (CI once: the whole page came back instead of the row).
    page.wait_for_url("**/queue/")
    page.wait_for_load_state()
    row = page.locator(f"#lead-{lead.pk}")
    assert "Op schema" in row.inner_text()
    assert "om te accepteren of af te wijzen" in row.inner_text()
    page.evaluate("window.notReloaded = true")
    row.get_by_role("button", name="Accepteren").click()
    page.wait_for_selector(f"#lead-{lead.pk} >> text=Je hebt Anna Bos geaccepteerd")
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the row in place
    assert "Eerste contact vastleggen" in page.locator(f"#lead-{lead.pk}").inner_text()
    lead.refresh_from_db()
    assert (lead.stage, lead.owner) == (Stage.SAL, salesperson)


def test_the_salesperson_rejects_through_the_form_that_loads_in_the_row(live_server, page, world):
    from leads.handoff import services as lifecycle
    from leads.models import Lead, LeadEvent, Stage

    marketer, _salesperson, lead = world
    lifecycle.hand_off(lead_ids=[lead.pk], by=marketer)
    log_in(page, live_server, "sam", PASSWORD)
    page.goto(f"{live_server.url}/queue/")
    row = page.locator(f"#lead-{lead.pk}")
    with page.expect_response(lambda response: "/reject/" in response.url):
        row.locator("summary", has_text="Afwijzen…").click()
    reason = row.get_by_label("Reden van afwijzing")
    expect(reason).to_be_focused()  # the form took the focus when it loaded
    reason.select_option("wrong_contact")
    row.get_by_role("button", name="Lead afwijzen").click()
    page.wait_for_selector(f"#lead-{lead.pk} >> text=Je hebt Anna Bos afgewezen")
    assert Lead.objects.get(pk=lead.pk).stage == Stage.REJECTED
    assert LeadEvent.objects.get(lead=lead, to_stage=Stage.REJECTED).reason == "wrong_contact"


def test_queue_and_agreement_pages_are_accessible(live_server, axe_page, world):
    from leads.handoff import services as lifecycle

    marketer, _salesperson, lead = world
    lifecycle.hand_off(lead_ids=[lead.pk], by=marketer)
    log_in(axe_page, live_server, "sam", PASSWORD)
    for path in ("/queue/", "/agreement/", f"/leads/{lead.pk}/"):
        axe_page.goto(f"{live_server.url}{path}")
        assert accessibility_violations(axe_page) == [], path
