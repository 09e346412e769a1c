"""Campaigns in the browser, in Dutch: a marketer makes a campaign with cost lines and
imports leads tagged with its code; a salesperson sees it coming, subscribes to the
calendar and wins a deal; the campaign and budget pages show revenue, cost and ROI."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.handoff.helpers import make_agreement
from tests.leads.helpers import make_segment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


@pytest.fixture
def world():
    marketer = make_person("marketer", username="mia")
    salesperson = make_person("salesperson", username="sam")
    manager = make_person("manager", username="maud")
    make_agreement(marketing=manager, sales=make_person("sales_manager"))
    make_segment(by=marketer)
    return marketer, salesperson


def _make_campaign(page, live_server) -> None:
    page.goto(f"{live_server.url}/campaigns/new/")
    page.get_by_label("Naam").fill("Webinar slimme planning")
    page.get_by_label("Code").fill("WEB-E2E")
    page.get_by_label("Kanaal").select_option("webinar")
    page.get_by_label("Startdatum").fill((TODAY + datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Einddatum").fill((TODAY + datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Budget (€)").fill("4000")
    page.get_by_label("Aanbod of actie").fill("Gratis proefmaand voor deelnemers")
    page.get_by_label("Gesprekspunten").fill("Vraag naar hun planning in Excel")
    page.get_by_role("button", name="Campagne opslaan").click()
    page.wait_for_selector("text=Campagne Webinar slimme planning is opgeslagen.")
    for amount, description in (("1500", "Mediabudget"), ("500", "Vormgeving")):
        page.get_by_label("Bedrag (€)").fill(amount)
        page.get_by_label("Omschrijving").fill(description)
        page.get_by_role("button", name="Kostenregel toevoegen").click()
        page.wait_for_selector("text=De kostenregel is toegevoegd.")


def _import_tagged_leads(page, live_server, tmp_path: Path) -> None:
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "Email,Voornaam,Achternaam,Bedrijf,utm_campaign,Branche,Medewerkers,Land,Functie,"
        "Telefoon\n"
        "anna@vandijk.nl,Anna,Bos,Van Dijk Metaal,WEB-E2E,manufacturing,120,NL,"
        "Operations director,+31 6 1234 5678\n"
        "piet@kempen.nl,Piet,Smit,Kempen Kunststoffen,WEB-E2E,manufacturing,80,NL,Directeur,"
        "+31 6 8765 4321\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/leads/import/")
    page.set_input_files("input[type=file]", str(csv))
    page.get_by_role("button", name="Uploaden").click()
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_selector(".import-result")


def test_campaign_from_plan_to_won_deal(live_server, page, world, tmp_path):
    from leads.handoff import services as lifecycle
    from leads.models import Lead, Stage

    marketer, salesperson = world
    log_in(page, live_server, "mia", PASSWORD)
    _make_campaign(page, live_server)
    _import_tagged_leads(page, live_server, tmp_path)
    assert Lead.objects.filter(source_campaign__code="WEB-E2E").count() == 2

    page.context.clear_cookies()
    log_in(page, live_server, "sam", PASSWORD)
    expect(page.get_by_role("heading", name="Komende campagnes")).to_be_visible()
    page.get_by_role("link", name="Alle komende campagnes").click()
    page.wait_for_selector("text=Gratis proefmaand voor deelnemers")
    page.get_by_role("link", name="In mijn agenda").click()
    page.get_by_role("button", name="Mijn agenda-adres maken").click()
    address = page.get_by_label("Agenda-adres").input_value()
    feed = Client().get(address.split("127.0.0.1:8000")[-1].replace(live_server.url, ""))
    assert b"SUMMARY:Webinar slimme planning (WEB-E2E)" in feed.content

    # The lead went through handoff and qualification; the salesperson wins it in the app.
    lead = Lead.objects.get(email="anna@vandijk.nl")
    done, refused = lifecycle.hand_off(lead_ids=[lead.pk], by=marketer)
    assert not refused, refused
    for stage in (Stage.SAL, Stage.SQL):
        lifecycle.change_stage(lead_id=lead.pk, to=stage, by=salesperson)
    lifecycle.change_stage(
        lead_id=lead.pk,
        to=Stage.OPPORTUNITY,
        by=salesperson,
        amount=Decimal(20000),
        close_date=TODAY,
    )
    page.goto(f"{live_server.url}/leads/{lead.pk}/")
    page.get_by_role("link", name="Naar Gewonnen…").click()
    page.get_by_label("Gewonnen bedrag (€)").fill("24000")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_selector(".message-success")

    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name="Webinar slimme planning").click()
    tiles = page.locator(".tiles").inner_text()
    assert "€ 24.000" in tiles and "€ 2.000" in tiles and "1.100%" in tiles
    page.goto(f"{live_server.url}/budget/")
    marketing = page.locator(".team-marketing").inner_text()
    assert "€ 2.000" in marketing and "€ 24.000" in marketing


def test_campaign_and_budget_pages_are_accessible(live_server, axe_page, world):
    from tests.leads.campaigns.helpers import add_cost, make_campaign

    marketer, _salesperson = world
    campaign = make_campaign(owner=marketer)
    add_cost(campaign, "250", by=marketer)
    log_in(axe_page, live_server, "mia", PASSWORD)
    paths = [
        "/campaigns/",
        f"/campaigns/{campaign.pk}/",
        f"/campaigns/{campaign.pk}/edit/",
        "/campaigns/new/",
        "/campaigns/coming/",
        "/campaigns/calendar/",
        "/budget/",
    ]
    for path in paths:
        axe_page.goto(live_server.url + path)
        assert accessibility_violations(axe_page) == [], path
    axe_page.context.clear_cookies()
    log_in(axe_page, live_server, "maud", PASSWORD)
    axe_page.goto(live_server.url + "/budget/plan/")
    assert accessibility_violations(axe_page) == [], "/budget/plan/"
