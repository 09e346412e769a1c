"""A manager opens a round, both teams answer in the browser, the manager closes it,
reads the result and turns a recommendation into an action item with one click."""

import datetime
import os
import random

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alignment import demo
from alignment.models import Person
from relationships.assessment import services
from relationships.models import ActionItem, Round
from tests.e2e.conftest import accessibility_violations, log_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

IN_A_MONTH = timezone.localdate() + datetime.timedelta(days=30)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _answer_everything(page, rating: str) -> None:
    statements = page.locator("fieldset.rating")
    # all() does not wait: first the questionnaire, not the page the link was clicked on.
    expect(statements.first).to_be_visible()
    for fieldset in statements.all():
        fieldset.get_by_role("radio").nth(int(rating) - 1).check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()


def _log_out(page) -> None:
    page.context.clear_cookies()


def _seed() -> None:
    # Transactional tests empty every table, including the questionnaire's data migration.
    demo.seed(rng=random.Random(1))
    services.ensure_questionnaire()


def test_open_answer_close_and_act_on_the_result(page, live_server):
    _seed()
    log_in(page, live_server, "manager-marketing", demo.DEMO_PASSWORD)
    page.locator(".navmenu summary", has_text="Overleg").click()  # the "Sync" menu
    page.get_by_role("link", name="Relatiemeting").first.click()
    page.get_by_role("link", name="Nieuwe ronde openen").first.click()
    page.get_by_label("Titel").fill("Browsermeting")
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_role("heading", name="Browsermeting")).to_be_visible()
    round_ = Round.objects.get(title="Browsermeting")

    # Three people per team answer, so both teams' results may be shown.
    answers = {"marketeer": "4", "lotte": "5", "daan": "4", "verkoper": "2", "fatima": "2"}
    answers |= {"joris": "3"}
    for username, rating in answers.items():
        _log_out(page)
        log_in(page, live_server, username, demo.DEMO_PASSWORD)
        page.get_by_role("link", name="Nu invullen").first.click()
        _answer_everything(page, rating)
        expect(page.get_by_text("Dank je wel, je antwoorden zijn opgeslagen.")).to_be_visible()

    _log_out(page)
    log_in(page, live_server, "manager-sales", demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/assessment/{round_.pk}/")
    page.get_by_role("link", name="Ronde sluiten…").click()
    page.get_by_role("button", name="Ronde sluiten").click()

    # Average (4+5+4+2+2+3)/6 = 3.33 → 67 → samenwonend; marketing 4.33, sales 2.33.
    expect(page.locator(".score-overall .score-number")).to_have_text("67")
    expect(page.locator(".score-overall .stage-chip")).to_have_text("samenwonend")
    expect(page.locator("svg.gap-chart")).to_be_visible()
    expect(page.locator(".theme-table tbody tr").first).to_contain_text("+2,0")

    step = page.locator("#step-customer-leader")
    step.get_by_role("button", name="Maak er een actiepunt van").click()
    expect(step.get_by_role("status")).to_contain_text("Actiepunt voor Stefan Visser")
    item = ActionItem.objects.get(playbook_step="customer-leader", source_round=round_)
    assert item.owner == Person.objects.get(user__username="manager-sales")


def test_assessment_pages_have_no_serious_accessibility_problems(axe_page, live_server):
    _seed()
    manager = Person.objects.get(user__username="manager-marketing")
    everyone = list(Person.objects.filter(team__code__in=["marketing", "sales"]))
    round_ = services.open_round(
        title="Toegankelijk",
        open_until=Round._meta.get_field("open_until").to_python("2999-01-01"),
        invitees=everyone,
        by=manager,
    )
    statements = list(round_.questionnaire.statements.values_list("pk", flat=True))
    for index, person in enumerate(everyone):
        services.submit_answers(
            round_id=round_.pk, person=person, ratings=dict.fromkeys(statements, 1 + index % 5)
        )
    log_in(axe_page, live_server, "manager-marketing", demo.DEMO_PASSWORD)
    for path in [f"/assessment/{round_.pk}/answer/", "/assessment/new/", "/assessment/"]:
        axe_page.goto(live_server.url + path)
        assert accessibility_violations(axe_page) == [], path
    services.close_round(round_id=round_.pk, by=manager)
    for path in [f"/assessment/{round_.pk}/", "/actions/"]:
        axe_page.goto(live_server.url + path)
        assert accessibility_violations(axe_page) == [], path
