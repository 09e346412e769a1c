"""Correcting a lead in the browser, in Dutch: a lead blocked from handoff for a missing
phone links straight to that field; after saving, the timeline shows the change and the
lead can be handed off. A possible duplicate is asked about before saving."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.handoff.helpers import make_agreement, ready_lead
from tests.leads.helpers import make_lead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def blocked_lead():
    marketer = make_person("marketer", username="mia")
    make_person("salesperson", username="sam")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"),
                   required_fields=["phone"])  # fmt: skip
    return ready_lead(by=marketer, first_name="Anna", last_name="Bos", phone="")


def test_marketer_fills_in_the_missing_phone_and_can_hand_off(live_server, page, blocked_lead):
    from leads.models import Lead, LeadEvent

    lead = blocked_lead
    log_in(page, live_server, "mia", PASSWORD)
    page.goto(f"{live_server.url}/leads/{lead.pk}/")
    assert "Ontbreekt: telefoon." in page.locator(".handoff-blocked").inner_text()
    assert page.get_by_role("button", name="Overdragen aan sales").count() == 0

    page.get_by_role("link", name="Telefoon invullen").click()
    page.wait_for_url(f"**/leads/{lead.pk}/edit/?field=phone")
    # The form opens on the missing field: type at once. (Chromium applies `autofocus` in
    # a rendering step that can come after the load event: wait for it.)
    expect(page.locator("#id_phone")).to_be_focused()
    page.keyboard.type("+31 6 1234 5678")
    page.get_by_role("button", name="Wijzigingen opslaan").click()

    page.wait_for_url(f"**/leads/{lead.pk}/")
    assert "Opgeslagen. Gewijzigd: telefoon." in page.locator(".messages").inner_text()
    timeline = page.locator(".timeline-edit").inner_text()
    assert "Gegevens gecorrigeerd" in timeline and "+31 6 1234 5678" in timeline
    expect(page.get_by_role("button", name="Overdragen aan sales")).to_be_visible()
    assert Lead.objects.get(pk=lead.pk).phone == "+31 6 1234 5678"
    assert LeadEvent.objects.get(lead=lead).changes == [["phone", "", "+31 6 1234 5678"]]


def test_a_possible_duplicate_is_asked_about_before_saving(live_server, page, blocked_lead):
    from leads.models import Lead

    other = make_lead(first_name="Anna", last_name="Bos", email="anna@metaal.nl")
    log_in(page, live_server, "mia", PASSWORD)
    page.goto(f"{live_server.url}/leads/{blocked_lead.pk}/edit/")
    page.get_by_label("E-mail").fill("Anna@Metaal.nl")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    warning = page.locator(".alert-warning")
    assert "Misschien hebben we deze lead al" in warning.inner_text()
    assert "hetzelfde e-mailadres" in warning.inner_text()
    assert Lead.objects.get(pk=blocked_lead.pk).email != other.email
    page.get_by_label("Ja, de wijzigingen opslaan, ook al is het misschien een dubbele").check()
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.wait_for_url(f"**/leads/{blocked_lead.pk}/")
    assert Lead.objects.get(pk=blocked_lead.pk).email == "anna@metaal.nl"


def test_the_lead_and_edit_pages_are_accessible(live_server, axe_page, blocked_lead):
    lead = blocked_lead
    log_in(axe_page, live_server, "mia", PASSWORD)
    for path in (f"/leads/{lead.pk}/", f"/leads/{lead.pk}/edit/?field=phone"):
        axe_page.goto(f"{live_server.url}{path}")
        assert accessibility_violations(axe_page) == [], path
    # With the duplicate warning and the conflict message on the page as well.
    make_lead(email="dubbel@x.nl")
    axe_page.get_by_label("E-mail").fill("dubbel@x.nl")
    axe_page.get_by_role("button", name="Wijzigingen opslaan").click()
    axe_page.wait_for_selector(".alert-warning")
    assert accessibility_violations(axe_page) == []
