"""Working as one, in Dutch: the managers change the buying-cycle map and both approve it
before it is in force; a marketer's approved rotation in sales shows on their card. Every
page on the way is free of serious accessibility problems."""

import datetime
import random

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alignment import demo as people
from alignment.models import Person, TeamCode
from leads.agreement import services as agreements
from leads.models import HandoffAgreement
from tests.e2e.conftest import accessibility_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _agreement_in_force() -> HandoffAgreement:
    marketing = Person.objects.get(user__username="manager-marketing")
    sales = Person.objects.get(user__username="manager-sales")
    draft = agreements.save_draft(
        segment=None, values=HandoffAgreement().rules(), salespeople=[], by=marketing
    )
    for person, team in ((marketing, TeamCode.MARKETING), (sales, TeamCode.SALES)):
        agreements.approve(agreement_id=draft.pk, team=team, by=person, revision=draft.revision)
    return draft


def _switch_to(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, username, people.DEMO_PASSWORD)


def test_both_managers_approve_a_new_buying_cycle_before_it_is_in_force(axe_page, live_server):
    people.seed(rng=random.Random(1))
    _agreement_in_force()
    page = axe_page
    log_in(page, live_server, "manager-marketing", people.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/agreement/cycle/")
    expect(page.get_by_role("heading", name="De koopcyclus wijzigen")).to_be_visible()
    assert accessibility_violations(page) == []
    page.locator("input[name=form-0-name]").fill("Eerste signaal")
    page.get_by_label("Wat is er veranderd en waarom").fill("De eerste fase heet nu zo")
    page.get_by_role("button", name="Als concept opslaan").click()
    page.get_by_role("button", name="Goedkeuren voor marketing").click()
    approved = page.get_by_text("De versie gaat in zodra het andere team ook goedkeurt")
    expect(approved).to_be_visible()
    assert accessibility_violations(page) == []
    page.goto(f"{live_server.url}/agreement/")
    expect(page.get_by_text("Eerste signaal")).to_have_count(0)  # not in force yet

    draft = HandoffAgreement.objects.get(status=HandoffAgreement.Status.DRAFT)
    _switch_to(page, live_server, "manager-sales")
    page.goto(f"{live_server.url}/agreement/{draft.pk}/")
    page.get_by_role("button", name="Goedkeuren voor sales").click()
    page.goto(f"{live_server.url}/agreement/")
    expect(page.locator(".cycle-band")).to_contain_text("Eerste signaal")
    assert accessibility_violations(page) == []
    draft.refresh_from_db()
    assert draft.status == HandoffAgreement.Status.ACTIVE
    assert draft.buying_cycle[0]["name"] == "Eerste signaal"


def test_a_marketers_rotation_in_sales_shows_on_their_card(axe_page, live_server):
    people.seed(rng=random.Random(1))
    marketer = Person.objects.get(user__username="marketeer")
    today = timezone.localdate()
    page = axe_page
    log_in(page, live_server, "marketeer", people.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/rotations/new/")
    page.get_by_label("Wie").select_option(str(marketer.pk))
    page.get_by_label("Bij team").select_option(TeamCode.SALES)
    page.locator("#id_starts_on").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Tot en met").fill((today + datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Doelen").fill("Meeluisteren met belrondes en een demo bijwonen")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Voorstellen").click()
    page.goto(f"{live_server.url}/people/{marketer.pk}/")
    expect(page.get_by_text("deze week bij sales")).to_have_count(0)  # proposed, not approved

    _switch_to(page, live_server, "manager-sales")
    page.goto(f"{live_server.url}/rotations/")
    page.get_by_role("link", name="Marloes de Vries").first.click()
    page.get_by_role("button", name="Goedkeuren").click()
    assert accessibility_violations(page) == []
    page.goto(f"{live_server.url}/people/{marketer.pk}/")
    expect(page.get_by_role("link", name="deze week bij sales")).to_be_visible()
    assert accessibility_violations(page) == []
