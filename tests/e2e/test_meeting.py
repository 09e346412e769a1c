"""The weekly meeting in the browser, in Dutch: the facilitator opens this week's meeting,
sees every section filled from the data, presents it and walks through it with the
keyboard, records a decision and an action item without leaving projector mode, closes
the meeting and opens the printable minutes. Projector mode is checked (and saved as
screenshots under test-results/) at 1920×1080 and 1280×720; axe finds nothing serious on
the agenda, the projector and the minutes."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from dashboards.meeting import services
from dashboards.models import Decision, Meeting, MeetingAction
from relationships.models import ActionItem, ActionSource
from tests.conftest import PASSWORD, make_person
from tests.dashboards.meeting.helpers import build_week
from tests.e2e.conftest import accessibility_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "meeting"
SIZES = [(1920, 1080), (1280, 720)]

# What each section shows of last week, in its order.
FILLED = [
    "Nieuwe leads",  # 1. the figures against target
    "Te Laat BV",  # 2. the missed deadline
    "Nee BV",  # 3. the rejection and its reason
    "Groot Gewonnen BV",  # 4. the big deal won
    "Spring webinar",  # 5. the campaign coming up, with its offer
    "New price list",  # 6. the product update
    "Customers ask about the ERP link",  # 7. the field note
    "Volgende stappen deze week",  # 8. the key accounts (none here: the section says so)
    "Write the wholesale case study",  # 9. the overdue action item
]

# Every element with text that is wider inside than its box (the screen-reader only texts
# are clipped on purpose; inline elements have no box of their own), whether the page
# scrolls sideways, the body's font size.
FIT = """() => {
  const overflowing = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden") || !el.getClientRects().length) continue;
    if (el.textContent.trim() && el.clientWidth > 0 && el.scrollWidth > el.clientWidth) {
      overflowing.push(el.tagName + "." + el.className + ": " + el.textContent.trim().slice(0, 40));
    }
  }
  return {
    sideways: document.documentElement.scrollWidth > window.innerWidth,
    overflowing: overflowing,
    bodySize: parseFloat(getComputedStyle(document.body).fontSize),
  };
}"""


@pytest.fixture
def world():
    manager = make_person("manager", username="maud")
    people = {
        "manager": manager,
        "sales_manager": make_person("sales_manager", username="sjoerd"),
        "marketer": make_person("marketer", username="mia"),
        "salesperson": make_person("salesperson", username="sam"),
    }
    today = timezone.localdate()
    build_week(**people, this_week=today - timedelta(days=today.weekday()))
    # Planned by the Monday run, led by the marketing manager.
    people["meeting"] = services.plan_meeting(week=today, by=None, invite=False)
    return people


def _loaded(page) -> None:
    """Wait until htmx has read every live section of the agenda."""
    expect(page.locator(".facts-loading")).to_have_count(0)


def _current(page):
    return page.locator("section.slide:not([hidden])")


def _slide_number(page) -> int:
    return int(_current(page).locator(".slide-number").inner_text())


def _check_every_screen(page, width: int, height: int) -> None:
    """Walk the sections with → from the first; each fits the screen and is saved."""
    page.set_viewport_size({"width": width, "height": height})
    page.keyboard.press("1")
    for number in range(1, 10):
        assert _slide_number(page) == number
        assert page.locator("[data-progress]").inner_text() == f"{number} / 9"
        assert FILLED[number - 1] in _current(page).inner_text()
        # caret="initial": hiding the caret leaves style="" on every field, which htmx
        # would copy onto the swapped fields (an inline style the CSP refuses).
        page.screenshot(path=str(SCREENSHOTS / f"projector-{width}x{height}-{number}.png"),
                        caret="initial")  # fmt: skip
        fit = page.evaluate(FIT)
        assert not fit["sideways"], (width, number)
        assert fit["overflowing"] == [], (width, number)
        assert fit["bodySize"] >= 24, (width, number)
        page.keyboard.press("ArrowRight")
    assert _slide_number(page) == 9  # the last one stays


def _open_forms(screen) -> None:
    """Open the forms and wait for the cursor in their first field: the script puts it there
    when the forms open (a toggle event, which comes a moment later), and typing into
    another field before that lost the text to the first one (CI: an empty action item)."""
    screen.locator(".outcome-forms summary").click()
    expect(screen.locator(".outcome-forms")).to_have_attribute("open", "")
    expect(screen.get_by_label("Besluit", exact=True)).to_be_focused()


def _submit(page, screen, button: str, path: str) -> None:
    """Press the button and wait for htmx's answer (the item's outcomes)."""
    with page.expect_response(lambda response: path in response.url) as answer:
        screen.get_by_role("button", name=button).click()
    assert answer.value.status == 200
    assert answer.value.request.headers.get("hx-request") == "true"


def test_a_facilitator_runs_the_weekly_meeting_in_projector_mode(live_server, page, world):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "maud", PASSWORD)
    page.locator(".navmenu summary", has_text="Overleg").click()  # the "Sync" menu
    page.get_by_role("link", name="Weekoverleg").first.click()
    page.get_by_role("link", name="Het overleg van deze week openen").click()
    meeting = world["meeting"]
    page.wait_for_url(f"{live_server.url}/meetings/{meeting.pk}/")  # the new page has loaded

    # The agenda: every section filled from the data, each read by a request of its own.
    _loaded(page)
    items = page.locator("li.agenda-item")
    expect(items).to_have_count(9)
    for number, text in enumerate(FILLED):
        assert text in items.nth(number).inner_text(), number + 1
    assert "Klein Gewonnen BV" not in items.nth(3).inner_text()  # below the threshold

    # Projector mode: one section per screen, the keyboard turns the pages.
    page.get_by_role("link", name="Presenteren").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/present/**")
    _loaded(page)
    assert page.locator(".topbar").count() == 0
    assert _slide_number(page) == 1 and page.locator("section.slide[hidden]").count() == 8
    page.keyboard.press("ArrowRight")
    assert _slide_number(page) == 2
    page.keyboard.press(" ")
    assert _slide_number(page) == 3
    page.keyboard.press("ArrowLeft")
    assert _slide_number(page) == 2
    page.keyboard.press("7")
    assert _slide_number(page) == 7
    page.wait_for_url(f"**#item-{meeting.items.get(position=6).pk}")  # the address follows
    for width, height in SIZES:
        _check_every_screen(page, width, height)

    # A decision and an action item on the deals' screen, without leaving projector mode.
    page.keyboard.press("4")
    page.evaluate("window.notReloaded = true")
    screen = _current(page)
    _open_forms(screen)
    screen.get_by_label("Besluit", exact=True).fill("Marketing schrijft een case over de deal.")
    _submit(page, screen, "Besluit vastleggen", "/decisions/")
    screen.locator(".outcome-decision").wait_for()
    assert "Marketing schrijft een case over de deal." in screen.inner_text()
    _open_forms(screen)
    screen.get_by_label("Actiepunt", exact=True).fill("Klant interviewen")
    expect(screen.get_by_label("Actiepunt", exact=True)).to_have_value("Klant interviewen")
    screen.get_by_label("Eigenaar").select_option(label="Mia Tester")
    due = timezone.localdate() + timedelta(days=7)
    screen.get_by_label("Uiterste datum").fill(due.isoformat())
    expect(screen.get_by_label("Uiterste datum")).to_have_value(due.isoformat())
    _submit(page, screen, "Actiepunt toevoegen", "/actions/")
    screen.locator(".outcome-action").wait_for()
    assert "Klant interviewen — Mia Tester" in screen.inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert _slide_number(page) == 4 and "/present/" in page.url
    action = ActionItem.objects.get(title="Klant interviewen")
    assert (action.source, action.owner.user.username, action.due_date) == (
        ActionSource.MEETING, "mia", due,
    )  # fmt: skip
    assert MeetingAction.objects.get().action == action
    assert Decision.objects.get().item.section == "deals"
    page.keyboard.press("ArrowRight")  # the keys work again after the forms
    assert _slide_number(page) == 5

    # Esc leaves to the agenda; closing the meeting leads to the minutes.
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Overleg sluiten en verslag versturen").click()
    page.wait_for_url(f"{live_server.url}/meetings/{meeting.pk}/minutes/")
    minutes = page.locator("article.minutes")
    assert "Marketing schrijft een case over de deal." in minutes.inner_text()
    assert re.search(r"Actie: Klant interviewen — Mia Tester, uiterlijk \d+ \w+ \d{4}",
                     minutes.inner_text())  # fmt: skip
    assert Meeting.objects.get(pk=meeting.pk).is_closed

    # On paper: no navigation, no buttons, the decisions still there.
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator(".messages")).to_be_hidden()
    expect(page.get_by_text("Marketing schrijft een case over de deal.")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "minutes-print.png"), full_page=True)


def test_the_agenda_the_projector_and_the_minutes_are_accessible(live_server, axe_page, world):
    manager, meeting = world["manager"], world["meeting"]
    log_in(axe_page, live_server, "maud", PASSWORD)
    axe_page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    _loaded(axe_page)
    assert accessibility_violations(axe_page) == [], "agenda"
    for width, height in SIZES:
        axe_page.set_viewport_size({"width": width, "height": height})
        axe_page.goto(f"{live_server.url}/meetings/{meeting.pk}/present/")
        _loaded(axe_page)
        assert accessibility_violations(axe_page) == [], f"projector {width}×{height}"
        axe_page.keyboard.press("8")  # the action items, with the overdue one
        assert accessibility_violations(axe_page) == [], f"projector {width}×{height}, 8"
    services.record_decision(item_id=meeting.items.first().pk, text="Besloten.", by=manager)
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    axe_page.set_viewport_size({"width": 1280, "height": 800})
    axe_page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/")
    assert accessibility_violations(axe_page) == [], "minutes"
    axe_page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    assert accessibility_violations(axe_page) == [], "closed agenda"


def test_without_javascript_projector_mode_lists_every_section_and_its_forms_work(
    live_server, browser, world
):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL",
                                  java_script_enabled=False)  # fmt: skip
    page = context.new_page()
    meeting = world["meeting"]
    log_in(page, live_server, "maud", PASSWORD)
    present = f"{live_server.url}/meetings/{meeting.pk}/present/"
    page.goto(present)
    slides = page.locator("section.slide")
    assert slides.count() == 9
    assert all(slides.nth(number).is_visible() for number in range(9))
    for control in ("[data-next]", "[data-previous]", "[data-progress]", ".slide-keys"):
        assert not page.locator(control).is_visible(), control  # they would do nothing
    deals = slides.nth(3)
    assert not deals.get_by_text("Gegevens lezen…").is_visible()  # nothing reads them
    with page.expect_navigation():
        deals.get_by_role("link", name="Dit onderdeel tonen").click()
    assert "Groot Gewonnen BV" in page.locator(".agenda-facts").inner_text()
    page.go_back()
    deals.locator(".outcome-forms summary").click()
    deals.get_by_label("Besluit", exact=True).fill("Zonder script besloten.")
    deals.get_by_role("button", name="Besluit vastleggen").click()
    item = meeting.items.get(position=3)
    page.wait_for_url(f"{present}#item-{item.pk}")
    assert "Zonder script besloten." in page.locator(f"#item-{item.pk}").inner_text()
    context.close()
