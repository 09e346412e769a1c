"""Running the meeting: the facilitator (or a manager) adds free items, moves items up and
down with buttons, hides and shows them, records decisions and action items (htmx, or a
plain form that comes back to its page). Bad input is refused with a message and changes
nothing; so is every change to a closed meeting, and anyone else gets a 403."""

import datetime
import random

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from dashboards.meeting import services
from dashboards.models import AgendaItem, Decision, Meeting, MeetingAction, Section
from relationships.models import ActionItem, ActionSource
from tests.conftest import make_person
from tests.dashboards.meeting.helpers import EN, HTMX, THIS_WEEK, at

TOMORROW = datetime.date(2026, 3, 12)


@pytest.fixture
def meeting(manager, salesperson) -> Meeting:
    return services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)


def _first(meeting: Meeting) -> AgendaItem:
    return meeting.items.order_by("position").first()


def _url(name: str, meeting: Meeting, item: AgendaItem | None = None) -> str:
    return reverse(f"dashboards:{name}", args=[meeting.pk, *([item.pk] if item else [])])


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _order(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.items.order_by("position", "pk").values_list("position", "title"))


def _state(meeting: Meeting) -> dict:
    """Everything a refused change must leave alone."""
    return {
        "items": list(meeting.items.order_by("pk").values()),
        "decisions": list(Decision.objects.order_by("pk").values()),
        "actions": list(ActionItem.objects.order_by("pk").values()),
        "links": list(MeetingAction.objects.order_by("pk").values()),
        "meeting": list(Meeting.objects.filter(pk=meeting.pk).values()),
    }


# Free items, order, hiding --------------------------------------------------------------


def test_the_facilitator_adds_a_free_item_at_the_end(meeting, manager, login):
    response = login(manager).post(_url("meeting_item_add", meeting),
                                   {"title": "Trade fair", "body": "Who staffs the stand?"},
                                   headers=EN)  # fmt: skip
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    item = meeting.items.order_by("position").last()
    assert (item.section, item.title, item.body) == (Section.FREE, "Trade fair",
                                                     "Who staffs the stand?")  # fmt: skip
    assert [position for position, _title in _order(meeting)] == list(range(10))


def test_an_item_without_a_title_is_refused(meeting, manager, login):
    before = _state(meeting)
    response = login(manager).post(_url("meeting_item_add", meeting), {"title": "  "},
                                   headers=EN)  # fmt: skip
    assert _messages(response) == ["This field is required."]
    assert _state(meeting) == before


def test_moving_items_swaps_them_with_their_neighbour(meeting, manager, login):
    client = login(manager)
    first, second = meeting.items.order_by("position")[:2]
    response = client.post(_url("meeting_item_move", meeting, first), {"direction": "down"})
    assert response.status_code == 302
    assert response.url == f"{meeting.get_absolute_url()}#item-{first.pk}"
    assert list(meeting.items.order_by("position")[:2]) == [second, first]
    client.post(_url("meeting_item_move", meeting, first), {"direction": "up"})
    assert list(meeting.items.order_by("position")[:2]) == [first, second]


def test_positions_stay_a_permutation_whatever_is_moved(meeting, manager, login):
    client = login(manager)
    services.add_item(meeting_id=meeting.pk, title="Extra", body="", by=manager)
    items = list(meeting.items.all())
    rng = random.Random(13)
    for _ in range(25):
        item = rng.choice(items)
        client.post(_url("meeting_item_move", meeting, item),
                    {"direction": rng.choice(["up", "down"])})  # fmt: skip
        positions = sorted(meeting.items.values_list("position", flat=True))
        assert positions == list(range(10))


def test_the_first_stays_first_and_the_last_stays_last(meeting, manager, login):
    client = login(manager)
    order = _order(meeting)
    items = list(meeting.items.order_by("position"))
    client.post(_url("meeting_item_move", meeting, items[0]), {"direction": "up"})
    client.post(_url("meeting_item_move", meeting, items[-1]), {"direction": "down"})
    client.post(_url("meeting_item_move", meeting, items[3]), {"direction": "sideways"})
    assert _order(meeting) == order


def test_the_move_and_hide_controls_are_buttons_named_after_their_item(meeting, manager, login):
    page = login(manager).get(meeting.get_absolute_url(), headers=EN).text
    items = list(meeting.items.order_by("position"))
    up = '<button type="submit" class="button button-small">↑ Up<span class="visually-hidden">'
    down = up.replace("↑ Up", "↓ Down")
    assert page.count(up) == page.count(down) == 8  # not up for the first, not down the last
    assert f"{down}: {escape(items[0].heading)}</span></button>" in page
    assert f"{up}: {escape(items[-1].heading)}</span></button>" in page
    assert page.count('Hide<span class="visually-hidden">') == 9


def test_hiding_and_showing_an_item(meeting, manager, login):
    client = login(manager)
    item = _first(meeting)
    client.post(_url("meeting_item_hide", meeting, item), {"hidden": "on"})
    assert AgendaItem.objects.get(pk=item.pk).hidden
    page = client.get(meeting.get_absolute_url(), headers=EN).text
    assert 'Show<span class="visually-hidden">' in page
    client.post(_url("meeting_item_hide", meeting, item), {})
    assert not AgendaItem.objects.get(pk=item.pk).hidden


# Decisions and action items --------------------------------------------------------------


def test_a_decision_recorded_with_htmx_returns_the_items_outcomes(meeting, manager, login):
    item = _first(meeting)
    response = login(manager).post(_url("meeting_decision_add", meeting, item),
                                   {"text": "  We keep the MQL criteria.  "},
                                   headers=HTMX)  # fmt: skip
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="outcomes"')
    assert f'id="outcomes-{item.pk}"' in response.text
    assert "We keep the MQL criteria." in response.text
    assert 'name="text"' in response.text  # the form again, for the next one
    decision = Decision.objects.get()
    assert (decision.item, decision.text, decision.recorded_by) == (
        item, "We keep the MQL criteria.", manager,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("present", "present"),  # back in projector mode, at the item
        ("https://evil.example/steal", "agenda"),  # an outside address is ignored
        ("//evil.example/steal", "agenda"),
        ("", "agenda"),
    ],
)
def test_without_javascript_a_decision_comes_back_to_its_page(
    meeting, manager, login, next_url, lands_on
):
    item = _first(meeting)
    present = _url("meeting_present", meeting)
    response = login(manager).post(
        _url("meeting_decision_add", meeting, item),
        {"text": "Decided.", "next": present if next_url == "present" else next_url},
    )
    expected = present if lands_on == "present" else meeting.get_absolute_url()
    assert response.status_code == 302
    assert response.url in (f"{expected}#item-{item.pk}", expected)
    assert response.url.startswith(expected)
    assert Decision.objects.count() == 1


def test_an_empty_decision_is_refused(meeting, manager, login):
    before = _state(meeting)
    client = login(manager)
    item = _first(meeting)
    response = client.post(_url("meeting_decision_add", meeting, item), {"text": " "},
                           headers=HTMX)  # fmt: skip
    assert response.status_code == 200
    assert '<p class="form-error" role="alert">This field is required.</p>' in response.text
    response = client.post(_url("meeting_decision_add", meeting, item), {"text": ""}, headers=EN)
    assert _messages(response) == ["This field is required."]
    assert _state(meeting) == before


def test_an_action_item_is_made_with_the_meeting_as_its_source(
    meeting, manager, salesperson, login
):
    item = _first(meeting)
    response = login(manager).post(
        _url("meeting_action_add", meeting, item),
        {"title": "Call the webinar guests", "owner": salesperson.pk, "due_date": "2026-03-18"},
        headers=HTMX,
    )
    assert response.status_code == 200
    action = ActionItem.objects.get()
    assert (action.title, action.owner, action.due_date, action.source, action.created_by) == (
        "Call the webinar guests", salesperson, datetime.date(2026, 3, 18),
        ActionSource.MEETING, manager,
    )  # fmt: skip
    assert MeetingAction.objects.get().item == item
    assert "Call the webinar guests" in response.text and "Sam Tester" in response.text


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"due_date": "2026-03-10"}, "The due date cannot be in the past."),
        ({"due_date": "10-03-2026x"}, "Enter a valid date."),
        (
            {"owner": 99999},
            "Select a valid choice. That choice is not one of the available choices.",
        ),  # fmt: skip
        (
            {"owner": "inactive"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),  # fmt: skip
    ],
)
def test_bad_action_items_are_refused_with_a_message(
    meeting, manager, salesperson, login, values, message
):
    if values.get("owner") == "inactive":
        gone = make_person("salesperson", username="gone")
        gone.user.is_active = False
        gone.user.save()
        values = {"owner": gone.pk}
    data = {"title": "Call", "owner": salesperson.pk, "due_date": "2026-03-18"} | values
    before = _state(meeting)
    client = login(manager)
    item = _first(meeting)
    response = client.post(_url("meeting_action_add", meeting, item), data, headers=HTMX)
    assert response.status_code == 200
    assert f'<p class="form-error" role="alert">{message}</p>' in response.text
    response = client.post(_url("meeting_action_add", meeting, item), data, headers=EN)
    assert response.status_code == 302 and _messages(response) == [message]
    assert _state(meeting) == before


# Who may, and a closed meeting ---------------------------------------------------------------


def _every_change(meeting: Meeting, owner, facilitator) -> list[tuple[str, dict]]:
    item = _first(meeting)
    return [
        (_url("meeting_item_add", meeting), {"title": "Extra"}),
        (_url("meeting_item_move", meeting, item), {"direction": "down"}),
        (_url("meeting_item_hide", meeting, item), {"hidden": "on"}),
        (_url("meeting_decision_add", meeting, item), {"text": "Decided."}),
        (_url("meeting_action_add", meeting, item),
         {"title": "Call", "owner": owner.pk, "due_date": "2026-03-18"}),
        (_url("meeting_edit", meeting), {"starts_at": "2026-03-10T10:00", "minutes_long": 30,
                                         "facilitator": facilitator.pk, "deal_threshold": "1000",
                                         "attendees": [owner.pk]}),
        (_url("meeting_close", meeting), {}),
    ]  # fmt: skip


def test_a_facilitator_who_is_a_marketer_runs_the_meeting_and_another_marketer_may_not(
    meeting, manager, marketer, salesperson, login, client
):
    Meeting.objects.filter(pk=meeting.pk).update(facilitator=marketer)
    other = make_person("marketer", username="other-marketer")
    client.force_login(other.user)
    before = _state(meeting)
    for url, data in _every_change(meeting, salesperson, marketer):
        assert client.post(url, data, headers=EN).status_code == 403, url
    assert client.get(_url("meeting_edit", meeting)).status_code == 403
    assert _state(meeting) == before
    client.force_login(marketer.user)
    for url, data in _every_change(meeting, salesperson, marketer):
        assert client.post(url, data, headers=EN).status_code == 302, url
    meeting.refresh_from_db()
    assert meeting.is_closed and meeting.closed_by == marketer
    assert Decision.objects.count() == MeetingAction.objects.count() == 1


def test_a_closed_meeting_refuses_every_change(meeting, manager, salesperson, login):
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    before = _state(meeting)
    client = login(manager)
    for url, data in _every_change(meeting, salesperson, manager):
        response = client.post(url, data, headers=EN, follow=True)
        assert response.status_code == 200, url
        assert [str(m) for m in response.context["messages"]] == [
            "This meeting is closed: its agenda and minutes stay as they were."
        ], url
    item = _first(meeting)
    response = client.post(_url("meeting_decision_add", meeting, item), {"text": "Late."},
                           headers=HTMX)  # fmt: skip
    assert "This meeting is closed" in response.text
    assert _state(meeting) == before


def test_a_closed_meeting_offers_no_controls(meeting, manager, login):
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    client = login(manager)
    for name in ("meeting", "meeting_present"):
        page = client.get(_url(name, meeting), headers=EN).text
        assert "<form" not in page.split("<main", 1)[1]
    page = client.get(_url("meeting", meeting), headers=EN).text
    assert "Time and attendees" not in page


# Time and attendees -------------------------------------------------------------------------


def _edit(meeting: Meeting, facilitator, attendees, **values) -> dict:
    return {"starts_at": "2026-03-12T14:00", "minutes_long": 45, "facilitator": facilitator.pk,
            "deal_threshold": "30000", "attendees": [p.pk for p in attendees]} | values  # fmt: skip


def test_the_facilitator_changes_time_and_attendees(
    meeting, manager, marketer, salesperson, sales_manager, login
):
    client = login(manager)
    response = client.post(_url("meeting_edit", meeting),
                           _edit(meeting, marketer, [salesperson]), headers=EN)  # fmt: skip
    assert response.status_code == 302 and _messages(response) == ["The meeting is saved."]
    meeting.refresh_from_db()
    assert meeting.starts_at == at(datetime.date(2026, 3, 12), 14)
    assert (meeting.minutes_long, meeting.facilitator) == (45, marketer)
    assert set(meeting.attendees.all()) == {marketer, salesperson}  # the facilitator too


def test_an_invited_meeting_that_moves_says_the_attendees_are_told(
    meeting, manager, marketer, salesperson, login, run_tasks
):
    Meeting.objects.filter(pk=meeting.pk).update(invited_at=meeting.created_at)
    client = login(manager)
    response = run_tasks(lambda: client.post(_url("meeting_edit", meeting),
                         _edit(meeting, marketer, [salesperson]), headers=EN))  # fmt: skip
    assert _messages(response) == [
        "The meeting is saved; the attendees get the updated invitation."
    ]
    sent = sorted((message.to[0], message.subject.split(":")[0]) for message in mail.outbox)
    assert sent == [
        ("manager@example.com", "Niet meer uitgenodigd"),  # taken off the list
        ("marketer@example.com", "Gewijzigd"), ("salesperson@example.com", "Gewijzigd"),
    ]  # fmt: skip


def test_the_meeting_stays_in_its_week(meeting, manager, marketer, login):
    before = _state(meeting)
    response = login(manager).post(
        _url("meeting_edit", meeting),
        _edit(meeting, marketer, [marketer], starts_at="2026-03-16T09:30"),
        headers=EN,
    )
    assert _messages(response) == [
        "The meeting stays in its own week: from 9 Mar 2026 to 15 Mar 2026."
    ]
    assert _state(meeting) == before


def test_a_closed_meeting_has_no_form_for_time_and_attendees(meeting, manager, login):
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    response = login(manager).get(_url("meeting_edit", meeting), headers=EN)
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert _messages(response) == [
        "This meeting is closed: its agenda and minutes stay as they were."
    ]
