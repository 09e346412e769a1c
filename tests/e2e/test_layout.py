"""Layout (#10 point 20), measured in the browser at 1280×800 and 1920×1080: a long email
stays inside its card on the lead page, the segment editor's inputs line up, the home
page's buttons do not touch, and on a wide screen the content uses the width."""

import pytest

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import log_in
from tests.leads.handoff.helpers import make_agreement, ready_lead
from tests.leads.helpers import make_segment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_EMAIL = "pieter.janssens.1975@rijnmondprecisietechniekenonderhoud.be"


@pytest.fixture
def world():
    marketer = make_person("marketer", username="mia", first_name="Mia")
    manager = make_person("manager", username="maud")
    make_agreement(marketing=manager, sales=make_person("sales_manager"))
    segment = make_segment(by=manager)
    lead = ready_lead(by=marketer, email=LONG_EMAIL, last_name="Janssens")
    return {"lead": lead, "segment": segment}


def _box(locator) -> dict:
    return locator.bounding_box()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_layout_holds_at_both_sizes(live_server, page, world, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, "maud", PASSWORD)

    # The lead page: the email wraps inside its card.
    page.goto(f"{live_server.url}/leads/{world['lead'].pk}/")
    card = page.locator(".lead-layout > .card").first
    email = card.locator("a[href^='mailto:']")
    card_box, email_box = _box(card), _box(email)
    assert email_box["x"] + email_box["width"] <= card_box["x"] + card_box["width"]
    assert card.evaluate("c => c.scrollWidth <= c.clientWidth")
    # The two cards start level.
    second = page.locator(".lead-layout > .card").nth(1)
    assert abs(_box(second)["y"] - card_box["y"]) < 1

    # The segment editor: the inputs of one criterion are on one line.
    page.goto(f"{live_server.url}/segments/{world['segment'].pk}/edit/")
    inputs = page.locator(".criterion").nth(1).locator("input")
    tops = {round(_box(inputs.nth(i))["y"]) for i in range(inputs.count())}
    assert inputs.count() == 3 and len(tops) == 1, tops

    # On a wide screen the content takes more than two thirds of the width.
    main_width = _box(page.locator("main"))["width"]
    assert main_width > (width * 2 / 3 if width >= 1600 else 1000)


def test_the_home_pages_buttons_do_not_touch(live_server, page, world):
    log_in(page, live_server, "mia", PASSWORD)
    buttons = page.locator("main p:has(> .button + .button) .button")
    assert buttons.count() >= 2
    first, second = _box(buttons.nth(0)), _box(buttons.nth(1))
    apart_x = second["x"] - (first["x"] + first["width"])
    apart_y = second["y"] - (first["y"] + first["height"])
    assert max(apart_x, apart_y) >= 4
