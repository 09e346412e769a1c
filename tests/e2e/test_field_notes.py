"""Field notes in the browser: a salesperson posts one from the top bar in seconds without
leaving the page; marketing finds it under "Overleg", acknowledges it and replies in
place; the pages are accessible."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alignment.models import Notification
from relationships.actions import services as actions
from relationships.models import FieldNote
from relationships.notes import services as notes
from relationships.updates import services as updates
from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.helpers import make_lead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    return make_person("salesperson", username="sam"), make_person("marketer", username="mia")


def test_a_salesperson_posts_a_note_from_the_top_bar_and_marketing_answers_it(
    live_server, page, people
):
    salesperson, _marketer = people
    log_in(page, live_server, "sam", PASSWORD)
    page.goto(f"{live_server.url}/people/")
    page.evaluate("window.notReloaded = true")

    page.get_by_text("+ Veldnotitie").click()
    form = page.locator("#quicknote")
    form.get_by_label("Soort").select_option("competitor")
    form.get_by_label("Wat je hoorde").fill("PlanPro biedt een gratis pilot aan")
    form.get_by_role("button", name="Veldnotitie plaatsen").click()
    expect(page.locator("#quicknote .message-success")).to_contain_text("ligt bij marketing")
    assert page.evaluate("window.notReloaded") is True  # no page change
    page.wait_for_url(f"{live_server.url}/people/")  # the new page has loaded
    expect(page.locator("#quicknote").get_by_label("Wat je hoorde")).to_have_value("")
    note = FieldNote.objects.get()
    assert (note.author, note.kind) == (salesperson, "competitor")

    # Escape closes the menu again.
    page.keyboard.press("Escape")
    expect(page.locator("details.notemenu")).not_to_have_attribute("open", "")

    page.context.clear_cookies()
    log_in(page, live_server, "mia", PASSWORD)
    page.locator("summary", has_text="Overleg").click()
    page.get_by_role("link", name="Veldnotities").click()
    card = page.locator(f"#note-{note.pk}")
    expect(card).to_contain_text("Wacht op marketing")
    page.evaluate("window.notReloaded = true")
    card.get_by_role("button", name="Markeer als gezien").click()
    expect(card).to_contain_text("Gezien door Mia Tester")
    card.locator("summary", has_text="Antwoorden").click()
    card.get_by_label("Je antwoord").fill("Dank! We zetten de verschillen op een rij.")
    card.get_by_role("button", name="Antwoord versturen").click()
    expect(card).to_contain_text("We zetten de verschillen op een rij.")
    assert page.evaluate("window.notReloaded") is True
    assert Notification.objects.filter(recipient=salesperson, kind="field_note_reply").exists()


def test_notes_updates_and_action_item_pages_are_accessible(live_server, axe_page, people):
    salesperson, marketer = people
    lead = make_lead(first_name="Anna", last_name="Bos")
    note = notes.post_field_note(author=salesperson, kind="objection", text="Te duur", lead=lead)
    notes.reply_to_field_note(note_id=note.pk, by=marketer, text="Welke klant?")
    updates.publish_update(
        by=marketer,
        title="Nieuwe prijzen",
        body="Vanaf januari.",
        effective_date=timezone.localdate(),
    )
    item = actions.create_action_item(
        title="Prijsvergelijking maken",
        owner=salesperson,
        due_date=timezone.localdate() + datetime.timedelta(days=3),
        by=marketer,
    )
    log_in(axe_page, live_server, "sam", PASSWORD)
    for path in (
        "/notes/",
        f"/notes/{note.pk}/",
        "/notes/new/",
        "/updates/",
        "/actions/mine/",
        f"/actions/{item.pk}/edit/",
        f"/leads/{lead.pk}/",
    ):
        axe_page.goto(f"{live_server.url}{path}")
        axe_page.get_by_text("+ Veldnotitie").click()  # the open form is checked too
        assert accessibility_violations(axe_page) == [], path
    axe_page.locator("summary", has_text="Overleg").click()
    assert accessibility_violations(axe_page) == [], "the open Overleg menu"
