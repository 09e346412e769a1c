"""The segment editor's preview while typing, and the who-is-who's segment filter."""

import random

import pytest
from playwright.sync_api import expect

from alignment import demo as people
from leads import demo
from leads.models import Segment
from tests.e2e.conftest import accessibility_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MANUFACTURING, WHOLESALE = demo.SEGMENTS[0]["name"], demo.SEGMENTS[3]["name"]


@pytest.fixture
def demo_data():
    people.seed(rng=random.Random(1))
    demo.seed(rng=random.Random(1), leads=400)


def test_preview_shows_leads_moving_between_segments_and_refuses_a_weight_of_15(
    page, live_server, demo_data
):
    wholesale = Segment.objects.get(name=WHOLESALE)
    log_in(page, live_server, "marketeer", people.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/segments/{wholesale.pk}/edit/")
    preview = page.locator("#preview")
    expect(preview.locator("tbody tr")).to_have_count(len(demo.SEGMENTS))
    expect(preview).to_contain_text("Geen enkele lead wisselt van segment.")

    # Wholesale now also wants manufacturers, with more weight: it takes some of theirs.
    page.get_by_label("Maakindustrie").check()
    page.get_by_label("Gewicht van branche").fill("9")
    expect(preview.locator(".moves")).to_contain_text(f"{MANUFACTURING} → {WHOLESALE}")
    expect(preview.locator("tr.is-edited .up").first).to_be_visible()

    page.get_by_label("Gewicht van branche").fill("15")
    expect(preview.locator(".alert-error")).to_contain_text("Geef een gewicht van 0 (uit) tot 10.")
    expect(preview.locator("table")).to_have_count(0)


def test_who_is_who_filters_by_segment_and_cards_link_to_segments(page, live_server, demo_data):
    log_in(page, live_server, "kevin", people.DEMO_PASSWORD)  # service: no segments pages
    page.goto(f"{live_server.url}/people/")
    page.get_by_label("Segment").select_option(label=MANUFACTURING)
    cards = page.locator("#results .person-card")
    expect(cards).to_have_count(2)  # its owner in marketing and its salesperson
    names = cards.locator(".person-name").all_inner_texts()
    assert sorted(names) == ["Marloes de Vries", "Sander Jansen"]
    assert "segment=" in page.url

    # Sander's card links to the other segment he sells to: its people.
    cards.filter(has_text="Sander Jansen").get_by_role("link", name=WHOLESALE).click()
    expect(page.get_by_label("Segment")).to_have_value(str(Segment.objects.get(name=WHOLESALE).pk))
    expect(cards.locator(".person-name", has_text="Noor Willems")).to_be_visible()


def test_the_segment_pages_are_accessible(live_server, axe_page, demo_data):
    wholesale = Segment.objects.get(name=WHOLESALE)
    log_in(axe_page, live_server, "marketeer", people.DEMO_PASSWORD)
    for path in ("/segments/", "/people/?segment=1", f"/segments/{wholesale.pk}/edit/"):
        axe_page.goto(f"{live_server.url}{path}")
        axe_page.wait_for_load_state("networkidle")
        assert accessibility_violations(axe_page) == [], path
    axe_page.get_by_label("Gewicht van branche").fill("15")
    axe_page.wait_for_selector("#preview .alert-error")
    assert accessibility_violations(axe_page) == []
