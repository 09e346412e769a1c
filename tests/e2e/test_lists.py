"""Lists built for volume (issue #10), in Dutch: marketing hands off a whole page with
"select all" and gets one summary; a salesperson works the queue as a table, accepts a
lead in place and keeps the keyboard focus on that row."""

import pytest

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.handoff.helpers import make_agreement, ready_lead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    marketer = make_person("marketer", username="mia")
    salesperson = make_person("salesperson", username="sam")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"))
    names = ["Anna Bos", "Bram Veen", "Cor Wit"]
    leads = [
        ready_lead(by=marketer, first_name=first, last_name=last, email=f"{first}@x.nl")
        for first, last in (name.split() for name in names)
    ]
    return marketer, salesperson, leads


def test_marketer_selects_all_and_hands_off_with_one_summary(live_server, page, world):
    from leads.models import Lead, Stage

    _marketer, _salesperson, leads = world
    log_in(page, live_server, "mia", PASSWORD)
    page.goto(f"{live_server.url}/handoff/")
    bar = page.locator(".bulkbar")
    assert "3 leads klaar" in bar.inner_text()
    page.get_by_label("Alles op deze pagina selecteren").check()
    assert bar.locator("output").inner_text() == "3"
    page.get_by_label("Anna Bos selecteren").uncheck()
    assert bar.locator("output").inner_text() == "2"
    page.get_by_label("Alles op deze pagina selecteren").check()
    assert bar.locator("output").inner_text() == "3"
    # The submit button sits in the bar at the top: reachable without scrolling.
    button = page.get_by_role("button", name="Geselecteerde leads overdragen")
    assert button.bounding_box()["y"] < 800
    button.click()
    page.wait_for_selector(".message-success")
    messages = page.locator(".messages li")
    assert messages.count() == 1
    assert "3 leads overgedragen: Sam Tester (3)" in messages.inner_text()
    assert Lead.objects.filter(pk__in=[lead.pk for lead in leads], stage=Stage.MQL).count() == 3


def test_the_handoff_list_is_accessible(live_server, axe_page, world):
    log_in(axe_page, live_server, "mia", PASSWORD)
    axe_page.goto(f"{live_server.url}/handoff/")
    assert accessibility_violations(axe_page) == []
