"""The minutes: attendees, decisions, new action items and the action items closed since
the meeting before; sent to each attendee in their own language when the meeting is
closed; a print stylesheet so the page prints (or saves as PDF) without the app around it."""

import re
from datetime import date, timedelta
from pathlib import Path

import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from alignment.models import Person
from dashboards.meeting import services
from dashboards.models import Meeting, Section
from relationships.actions.services import complete_action_item, create_action_item
from tests.dashboards.meeting.helpers import EN, NOW, at


def _minutes(client, meeting: Meeting, headers=EN) -> str:
    response = client.get(reverse("dashboards:meeting_minutes", args=[meeting.pk]),
                          headers=headers)  # fmt: skip
    assert response.status_code == 200
    return response.text


def _held(meeting: Meeting, *, by: Person, owner: Person) -> None:
    """A decision and an action item under the deals, a decision under the notes."""
    items = {item.section: item for item in meeting.items.all()}
    services.record_decision(item_id=items[Section.DEALS].pk, by=by,
                             text="Marketing writes a case on the big win.")  # fmt: skip
    services.add_action(item_id=items[Section.DEALS].pk, by=by, owner=owner,
                        title="Interview the customer", due_date=date(2026, 3, 20))  # fmt: skip
    services.record_decision(item_id=items[Section.NOTES].pk, by=by,
                             text="Product gets the ERP questions.")  # fmt: skip


def test_the_minutes_list_attendees_decisions_and_action_items(
    meeting, week, manager, marketer, salesperson, login
):
    _held(meeting, by=manager, owner=marketer)
    with time_machine.travel(at(date(2026, 3, 2), 16), tick=False):  # before 3 March's meeting
        earlier = create_action_item(title="An earlier chore", owner=salesperson,
                                     due_date=date(2026, 3, 2), by=manager)  # fmt: skip
        complete_action_item(item_id=earlier.pk, by=salesperson)
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):  # after closing
        complete_action_item(item_id=week.overdue.pk, by=marketer)
    html = _minutes(login(salesperson), meeting)
    assert "Minutes of the weekly meeting, Tuesday 10 Mar 2026" in html
    assert "Maud Tester (Marketing), Mia Tester (Marketing), Sam Tester (Sales)" in html
    deals = html.split("<h3>Important deals</h3>", 1)[1].split("<h3>", 1)[0]
    assert "Marketing writes a case on the big win." in deals
    assert "Interview the customer — Mia Tester, due 20 Mar 2026" in deals
    assert "Product gets the ERP questions." in html.split("<h3>Field notes</h3>", 1)[1]
    closed = html.split("Action items closed since the last meeting", 1)[1]
    assert "Update the call script — Sam Tester (done)" in closed  # done on 5 March
    assert "An earlier chore" not in closed
    assert "Write the wholesale case study" not in closed  # done after the meeting


def test_decisions_under_a_hidden_item_are_in_the_minutes_too(meeting, manager, marketer, login):
    _held(meeting, by=manager, owner=marketer)
    services.set_hidden(item_id=meeting.items.get(section=Section.NOTES).pk, hidden=True,
                        by=manager)  # fmt: skip
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    assert "Product gets the ERP questions." in _minutes(login(manager), meeting)


def test_minutes_without_decisions_say_so(meeting, manager, login):
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    html = _minutes(login(manager), meeting)
    assert "No decisions or action items were recorded." in html


def test_closing_sends_the_minutes_to_each_attendee_in_their_language(
    meeting, manager, marketer, salesperson, django_capture_on_commit_callbacks
):
    _held(meeting, by=manager, owner=marketer)
    Person.objects.filter(pk=salesperson.pk).update(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.close_meeting(meeting_id=meeting.pk, by=manager)
    assert mail.outbox == []  # only once the meeting is closed for good
    for callback in callbacks:
        callback()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["manager@example.com", "marketer@example.com",
                                  "salesperson@example.com"]  # fmt: skip
    english, dutch = by_address["salesperson@example.com"], by_address["marketer@example.com"]
    assert english.subject == "Minutes: weekly meeting of 10 Mar 2026"
    assert dutch.subject == "Verslag: weekoverleg van 10 mrt 2026"
    for message, words in ((english, ("Important deals", "Action", "20 Mar 2026")),
                           (dutch, ("Belangrijke deals", "Actie", "20 mrt 2026"))):  # fmt: skip
        assert "Marketing writes a case on the big win." in message.body
        assert "Interview the customer" in message.body
        assert all(word in message.body for word in words), message.body
        assert f"{settings.SITE_URL}/meetings/{meeting.pk}/minutes/" in message.body
    assert "Update the call script (Sam Tester)" in english.body
    assert Meeting.objects.get(pk=meeting.pk).minutes_sent_at is not None


def _print_rules() -> str:
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    blocks = re.findall(r"@media print\s*{((?:[^{}]*{[^{}]*})*)\s*}", css)
    return "\n".join(blocks)


def _hidden_in_print(selector: str) -> bool:
    for rule in re.finditer(r"([^{}]+){([^{}]*)}", _print_rules()):
        selectors = [s.strip() for s in rule.group(1).split(",")]
        if selector in selectors and re.search(r"display:\s*none", rule.group(2)):
            return True
    return False


def test_the_minutes_page_prints_without_navigation_or_buttons(meeting, manager, login):
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    html = _minutes(login(manager), meeting)
    assert 'class="topbar' in html and 'href="/static/css/app.css"' in html
    for selector in (".topbar", ".skip-link", ".button", ".langswitch", ".no-print",
                     ".messages"):  # fmt: skip
        assert _hidden_in_print(selector), selector
    assert '<p class="crumbs no-print">' in html
    assert '<div class="actions no-print">' in html
