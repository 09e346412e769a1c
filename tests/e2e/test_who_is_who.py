import random

import pytest
from playwright.sync_api import expect

from alignment import demo
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_marketer_finds_a_salesperson_by_typing_and_switches_to_english(page, live_server):
    demo.seed(rng=random.Random(1))
    log_in(page, live_server, "marketeer", demo.DEMO_PASSWORD)

    page.get_by_role("link", name="Wie is wie").first.click()
    cards = page.locator("#results .person-card")
    expect(cards).to_have_count(len(demo.PEOPLE))

    # Typing filters live (htmx), without submitting the form.
    page.get_by_label("Zoeken").press_sequentially("aanbested", delay=30)
    expect(cards).to_have_count(2)
    names = page.locator("#results .person-name").all_inner_texts()
    assert "Sander Jansen" in names
    assert "Marloes de Vries" not in names
    assert "q=aanbested" in page.url  # the filter is shareable

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Who is who")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Sander Jansen" in page.locator("#results .person-name").all_inner_texts()
