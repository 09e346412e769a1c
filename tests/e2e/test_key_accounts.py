"""A manager makes a key account of one of the proposed largest customers, in Dutch; its
team adds a next step, which the weekly meeting gets; the account manager's card shows the
account. Every page on the way is free of serious accessibility problems."""

import datetime
import random

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alignment import demo as people
from leads import demo as leads
from relationships.accounts import demo as accounts_demo
from relationships.accounts import queries, services
from relationships.models import KeyAccount
from tests.e2e.conftest import accessibility_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _seed() -> None:
    people.seed(rng=random.Random(1))
    leads.seed(rng=random.Random(2), leads=300)
    services.recognise_organisations()
    services.refresh_proposals(timezone.localdate())  # as the night does


def test_a_proposal_becomes_a_key_account_whose_next_step_reaches_the_meeting(
    axe_page, live_server
):
    _seed()
    page = axe_page
    today = timezone.localdate()
    largest = queries.proposals()[0].organisation
    log_in(page, live_server, "manager-sales", people.DEMO_PASSWORD)
    page.get_by_role("link", name="Wie is wie").first.click()
    page.get_by_role("navigation", name="Wie werkt waaraan").get_by_role(
        "link", name="Key accounts"
    ).click()
    expect(page.get_by_role("heading", name="Voorgesteld: onze grootste klanten")).to_be_visible()
    assert accessibility_violations(page) == []

    row = page.get_by_role("row").filter(has_text=largest.name)
    row.get_by_role("link", name="Maak key account").click()
    page.get_by_label("Accountmanager").select_option(label="Sander Jansen")
    page.get_by_label("Marketeer").select_option(label="Marloes de Vries")
    page.get_by_label(f"Omzetdoel voor {today.year} (€)").fill("250000")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Maak key account").click()
    expect(page.get_by_role("heading", name=largest.name, exact=True)).to_be_visible()
    expect(page.get_by_text(f"{largest.name} is nu een key account.")).to_be_visible()
    assert accessibility_violations(page) == []

    page.context.clear_cookies()
    log_in(page, live_server, "marketeer", people.DEMO_PASSWORD)
    account = KeyAccount.objects.get(organisation=largest)
    page.goto(f"{live_server.url}/key-accounts/{account.pk}/")
    page.get_by_role("link", name="Volgende stap toevoegen").click()
    page.get_by_label("Volgende stap").fill("Klantdag voorstellen aan hun inkopers")
    page.get_by_label("Eigenaar").select_option(label="Sander Jansen (Sales)")
    page.get_by_label("Uiterste datum").fill((today + datetime.timedelta(days=3)).isoformat())
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Klantdag voorstellen aan hun inkopers", exact=True)).to_be_visible()
    due = queries.meeting_facts(today)["next_steps"]
    assert [(step["title"], step["account"]) for step in due] == [
        ("Klantdag voorstellen aan hun inkopers", largest.name)
    ]

    page.goto(f"{live_server.url}/people/{account.account_manager_id}/")
    expect(page.get_by_role("link", name=largest.name)).to_be_visible()
    assert accessibility_violations(page) == []
    page.goto(f"{live_server.url}/organisations/{largest.pk}/")
    assert accessibility_violations(page) == []


def test_the_htmx_parts_work_without_console_errors(page, live_server):
    _seed()
    accounts_demo.seed(rng=random.Random(3))
    account = KeyAccount.objects.order_by("pk").first()
    step = account.next_steps.filter(status="open").order_by("due_date").first()
    log_in(page, live_server, "manager-marketing", people.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/key-accounts/{account.pk}/")
    page.locator("#next-steps").get_by_role("button").first.click()
    expect(page.locator("#next-steps")).not_to_contain_text(step.title)
    step.refresh_from_db()
    assert step.status == "done"
    page.goto(f"{live_server.url}/organisations/")
    page.get_by_label("Zoeken").fill(account.organisation.name[:6])
    expect(page.locator("#results")).to_contain_text(account.organisation.name)
