"""Action items: the edit page and who may use it, "my action items", the owner told on
assignment and the day before the due date (once), and the open items of the weekly
meeting."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from alignment.models import Notification
from relationships import tasks
from relationships.actions import queries, services
from relationships.models import ActionItem, ActionStatus
from tests.conftest import make_person
from tests.queries import assert_same_query_count

TODAY = timezone.localdate()
MINE = reverse("relationships:my_action_items")
EN = {"Accept-Language": "en"}


def _item(owner, by, title="Follow up", due_in=7, **extra) -> ActionItem:
    due = TODAY + datetime.timedelta(days=due_in)
    # An overdue item was made before its due date passed.
    made = min(TODAY, due)
    return services.create_action_item(
        title=title, owner=owner, due_date=due, by=by, today=made, **extra
    )


def _edit_url(item) -> str:
    return reverse("relationships:action_item_edit", args=[item.pk])


def _form(item, **changes) -> dict:
    values = {
        "title": item.title,
        "description": item.description,
        "owner": item.owner.pk,
        "due_date": item.due_date.isoformat(),
        "status": item.status,
    }
    return values | changes


def _told(person, kind) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, kind=kind))


# The edit page ---------------------------------------------------------------------------


def test_the_owner_edits_title_due_date_and_status(login, manager, salesperson):
    item = _item(salesperson, manager)
    client = login(salesperson)
    assert client.get(_edit_url(item)).status_code == 200
    later = (TODAY + datetime.timedelta(days=20)).isoformat()
    response = client.post(
        _edit_url(item), _form(item, title="Call back", due_date=later, status="done")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.due_date.isoformat(), item.status) == ("Call back", later, "done")
    assert item.completed_at is not None


def test_dropping_and_reopening_an_item(login, manager, salesperson):
    item = _item(salesperson, manager)
    client = login(manager)
    client.post(_edit_url(item), _form(item, status="dropped"))
    item.refresh_from_db()
    assert item.status == ActionStatus.DROPPED and item.completed_at is not None
    page = client.get(reverse("relationships:action_items"), {"status": "dropped"})
    assert [i.pk for i in page.context["page"]] == [item.pk]
    client.post(_edit_url(item), _form(item, status="open"))
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN and item.completed_at is None


@pytest.mark.parametrize("persona", ["owner", "creator", "manager", "sales_manager"])
def test_owner_creator_and_managers_may_edit(request, login, marketer, persona):
    creator = make_person("salesperson", username="creator")
    item = _item(marketer, creator)
    editor = {"owner": marketer, "creator": creator}.get(persona) or request.getfixturevalue(
        persona
    )
    assert login(editor).get(_edit_url(item)).status_code == 200


@pytest.mark.parametrize("persona", ["salesperson", "service_agent", "admin_person"])
def test_others_may_not_edit(request, login, marketer, manager, persona):
    item = _item(marketer, manager)
    client = login(request.getfixturevalue(persona))
    assert client.get(_edit_url(item)).status_code == 403
    assert client.post(_edit_url(item), _form(item, title="Mine now")).status_code == 403
    item.refresh_from_db()
    assert item.title == "Follow up"


def test_bad_input_changes_nothing(login, manager, salesperson, service_agent):
    item = _item(salesperson, manager)
    client = login(manager)
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    for changes, message in [
        ({"due_date": yesterday}, "The due date cannot be in the past."),
        ({"owner": service_agent.pk}, "Choose an active colleague from marketing or sales."),
        ({"owner": "9" * 30}, "Choose an active colleague from marketing or sales."),
        ({"title": ""}, "This field is required."),
        ({"title": "Two\nlines"}, "control character"),
        ({"status": "forgotten"}, "Select a valid choice."),
    ]:
        response = client.post(_edit_url(item), _form(item, **changes), headers=EN)
        assert response.status_code == 400, changes
        assert message in response.text, changes
    fresh = ActionItem.objects.get(pk=item.pk)
    assert (fresh.title, fresh.owner, fresh.due_date) == (item.title, salesperson, item.due_date)
    assert client.get(reverse("relationships:action_item_edit", args=[999999])).status_code == 404


def test_an_overdue_item_keeps_its_date_while_other_fields_change(login, manager, salesperson):
    item = _item(salesperson, manager, due_in=-3)
    response = login(salesperson).post(_edit_url(item), _form(item, description="Half done"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.description == "Half done" and item.due_date < TODAY


# Telling the owner -----------------------------------------------------------------------


def test_the_owner_is_told_when_an_item_is_made_for_them_but_not_when_made_by_them(
    manager, salesperson
):
    item = _item(salesperson, manager, "Send the case")
    (told,) = _told(salesperson, "action_item_assigned")
    with translation.override("en"):
        assert told.text == "Maud Tester made you owner of the action item “Send the case”."
    assert told.url == f"{MINE}#action-{item.pk}"
    _item(manager, manager)
    assert not _told(manager, "action_item_assigned")


def test_a_new_owner_is_told_when_the_item_is_reassigned(login, manager, salesperson, marketer):
    item = _item(salesperson, manager)
    login(manager).post(_edit_url(item), _form(item, owner=marketer.pk))
    assert len(_told(marketer, "action_item_assigned")) == 1
    # Saving again without a new owner tells nobody again.
    item.refresh_from_db()
    login(manager).post(_edit_url(item), _form(item, title="Renamed"))
    assert len(_told(marketer, "action_item_assigned")) == 1


def test_owners_are_reminded_once_the_day_before_the_due_date(manager, salesperson, marketer):
    due_tomorrow = _item(salesperson, manager, "Tomorrow", due_in=1)
    _item(marketer, manager, "Next week", due_in=7)
    done = _item(marketer, manager, "Done already", due_in=1)
    services.complete_action_item(item_id=done.pk, by=marketer)

    assert tasks.remind_due_action_items.delay().get() == 1
    (reminder,) = _told(salesperson, "action_item_due")
    with translation.override("en"):
        assert reminder.text == "Your action item “Tomorrow” is due tomorrow."
    assert not _told(marketer, "action_item_due")
    # The next run (a restart of beat, a retry) reminds nobody twice.
    assert services.remind_due_items() == 0
    assert len(_told(salesperson, "action_item_due")) == 1

    # A moved due date is reminded again, the day before the new date.
    new_date = TODAY + datetime.timedelta(days=5)
    services.update_action_item(
        item_id=due_tomorrow.pk, by=manager, title="Tomorrow", description="",
        owner=salesperson, due_date=new_date, status="open",
    )  # fmt: skip
    assert services.remind_due_items() == 0
    assert services.remind_due_items(today=new_date - datetime.timedelta(days=1)) == 1


def test_reminders_go_in_batches(manager, salesperson):
    for index in range(5):
        _item(salesperson, manager, f"Item {index}", due_in=1)
    assert services.remind_due_items(batch=2) == 5
    assert len(_told(salesperson, "action_item_due")) == 5


def test_the_reminder_runs_every_morning_at_seven():
    entry = settings.CELERY_BEAT_SCHEDULE["remind-due-action-items"]
    assert entry["task"] == "relationships.tasks.remind_due_action_items"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


# My action items -------------------------------------------------------------------------


def test_my_list_shows_mine_overdue_first_what_i_asked_and_what_i_closed(
    login, manager, salesperson, marketer
):
    later = _item(salesperson, manager, "Later", due_in=9)
    late = _item(salesperson, manager, "Late", due_in=-2)
    asked = _item(marketer, salesperson, "Asked of Mia")
    closed = _item(salesperson, manager, "Finished")
    services.complete_action_item(item_id=closed.pk, by=salesperson)
    _item(marketer, manager, "Not mine")

    page = login(salesperson).get(MINE, headers=EN)
    context = page.context
    assert [i.title for i in context["owned"]] == [late.title, later.title]
    assert [i.title for i in context["asked"]] == [asked.title]
    assert [i.title for i in context["closed"]] == [closed.title]
    assert context["overdue"] == 1
    assert "Not mine" not in page.text
    assert f'class="card action-item action-open action-overdue" id="action-{late.pk}"' in (
        page.text
    )
    assert "1 overdue" in page.text
    assert _edit_url(later) + "?next=mine" in page.text


def test_my_list_runs_the_same_number_of_queries_for_more_items(login, manager, salesperson):
    client = login(salesperson)
    _item(salesperson, manager)

    def more():
        for index in range(6):
            _item(salesperson, make_person("manager", username=f"boss{index}"), f"I {index}")
            _item(make_person("marketer", username=f"m{index}"), salesperson, f"Asked {index}")

    assert_same_query_count(lambda: client.get(MINE), more)


# For the weekly meeting ------------------------------------------------------------------


def test_open_items_lists_the_open_ones_oldest_due_first_with_overdue_marked(
    manager, salesperson, marketer, django_assert_num_queries
):
    soon = _item(salesperson, manager, "Soon", due_in=2)
    late = _item(marketer, manager, "Late", due_in=-4)
    due_today = _item(marketer, manager, "Today", due_in=0)
    dropped = _item(salesperson, manager, "Dropped")
    services.update_action_item(
        item_id=dropped.pk, by=manager, title="Dropped", description="",
        owner=salesperson, due_date=dropped.due_date, status="dropped",
    )  # fmt: skip
    with django_assert_num_queries(1):
        items = queries.open_items(TODAY)
        assert [(i.pk, i.overdue) for i in items] == [
            (late.pk, True),
            (due_today.pk, False),
            (soon.pk, False),
        ]
        assert items[0].owner.name == "Mia Tester" and items[0].owner.team.code == "marketing"


def test_the_closed_list_says_the_period_it_reads(login, marketer, monkeypatch):
    item = services.create_action_item(
        title="Send the deck", owner=marketer, by=marketer, due_date=timezone.localdate()
    )
    services.complete_action_item(item_id=item.pk, by=marketer)
    monkeypatch.setattr(queries, "RECENTLY_CLOSED_DAYS", 14)
    page = login(marketer).get(MINE, headers={"Accept-Language": "en"}).text
    assert "Closed in the last 14 days" in page
