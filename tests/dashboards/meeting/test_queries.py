"""The agenda page and projector mode (and the minutes) run the same number of queries
however much happened: more leads and events, notes with replies, updates, campaigns,
action items, decisions, free items and attendees. The smaller week has a note with a
reply already: the notes' query prefetches the replies' authors, two queries that only
run once there is a reply at all."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dashboards.meeting import services
from dashboards.models import Section
from dashboards.snapshots.services import compute_days
from leads.campaigns import services as campaigns
from leads.handoff import breaches
from leads.handoff import services as lifecycle
from leads.models import Campaign, Segment, Stage
from relationships.actions.services import create_action_item
from relationships.models import FieldNoteReply
from tests.conftest import make_person
from tests.dashboards.meeting.helpers import (
    EN,
    LAST_SUNDAY,
    LAST_WEEK,
    NOW,
    THIS_WEEK,
    at,
    deal,
    field_note,
    product_update,
    shown,
)
from tests.leads.handoff.helpers import handed_off, ready_lead
from tests.queries import assert_same_query_count, captured_sql
from tests.test_query_budget import MAX_QUERIES

EARLIER = NOW - timedelta(hours=1)


def _grow(meeting, *, manager, marketer, salesperson) -> None:
    segment = Segment.objects.first()
    with time_machine.travel(at(date(2026, 3, 5), 10), tick=False):
        for number in range(3):
            lead = handed_off(ready_lead(by=marketer, company=f"More {number}"), by=marketer)
            reason = ["no_need", "duplicate", "cannot_reach"][number]
            lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson,
                                   reason=reason)  # fmt: skip
            deal(handed_off(ready_lead(by=marketer, company=f"Won {number}"), by=marketer),
                 by=salesperson, amount="70000", won=number != 1)  # fmt: skip
            deal(handed_off(ready_lead(by=marketer, company=f"Open {number}"), by=marketer),
                 by=salesperson, amount="80000", won=None)  # fmt: skip
            handed_off(ready_lead(by=marketer, company=f"Late {number}"), by=marketer)
    with time_machine.travel(at(date(2026, 3, 5), 16), tick=False):
        breaches.scan_breaches()
    compute_days(LAST_WEEK, LAST_SUNDAY)
    for number in range(3):
        campaign = campaigns.save_campaign(campaign=None, by=marketer, segments=[segment], values={
            "name": f"Campaign {number}", "code": f"C-{number}", "channel": "email",
            "start_date": date(2026, 3, 16), "end_date": date(2026, 3, 30),
            "status": Campaign.Status.PLANNED, "owner": marketer, "budget": Decimal(100),
            "offer": "An offer", "talking_points": "",
        })  # fmt: skip
        note = field_note(salesperson, f"Note {number}", EARLIER, lead=lead, segment=segment,
                          campaign=campaign)  # fmt: skip
        FieldNoteReply.objects.create(note=note, author=marketer, text="Thanks")
        update = product_update(marketer, f"Update {number}", EARLIER)
        update.segments.add(segment)
        create_action_item(title=f"Task {number}", owner=make_person(
            "salesperson", username=f"owner{number}"), due_date=date(2026, 3, 2 + number),
            by=manager, today=date(2026, 3, 1))  # fmt: skip
        services.add_item(meeting_id=meeting.pk, title=f"Free {number}", body="", by=manager)
    for item in meeting.items.all():
        services.record_decision(item_id=item.pk, text="Decided.", by=manager)
        services.add_action(item_id=item.pk, title="Act", owner=marketer,
                            due_date=date(2026, 3, 20), by=manager)  # fmt: skip
    meeting.attendees.add(*[make_person("marketer", username=f"extra{n}") for n in range(3)])


PAGES = ["meeting", "meeting_present", "meeting_minutes"]


def _get(client, name: str, meeting) -> str:
    """The page and, as htmx loads them, its live sections."""
    response = client.get(reverse(f"dashboards:{name}", args=[meeting.pk]), headers=EN)
    assert response.status_code == 200
    return shown(client, response)


@pytest.mark.parametrize("name", PAGES)
def test_an_open_meeting_runs_a_constant_number_of_queries(
    meeting, manager, marketer, salesperson, login, name
):
    client = login(manager)
    assert_same_query_count(
        lambda: _get(client, name, meeting),
        lambda: _grow(meeting, manager=manager, marketer=marketer, salesperson=salesperson),
    )
    page = _get(client, "meeting", meeting)
    for grown in ("More 2", "Won 0", "Open 2", "Late 1", "Campaign 2", "Update 2", "Note 2",
                  "Task 2", "Free 2", "Decided.", "Act"):  # fmt: skip
        assert grown in page, grown


def test_each_request_of_an_open_meeting_runs_at_most_twelve_queries(
    meeting, manager, marketer, salesperson, login
):
    """The page, projector mode and each section they load: at most MAX_QUERIES each,
    however much happened (the page and its sections together are constant, above)."""
    _grow(meeting, manager=manager, marketer=marketer, salesperson=salesperson)
    client = login(manager)
    for name in ("meeting", "meeting_present"):
        url = reverse(f"dashboards:{name}", args=[meeting.pk])
        sql = captured_sql(lambda url=url: client.get(url, headers=EN))
        assert len(sql) <= MAX_QUERIES, (name, "\n".join(sql))
    hx = {"HX-Request": "true"}
    for item in meeting.items.exclude(section=Section.FREE):
        url = reverse("dashboards:meeting_item_facts", args=[meeting.pk, item.pk])
        for params in ({}, {"present": "1"}):
            sql = captured_sql(lambda url=url, params=params: client.get(url, params, headers=hx))
            assert len(sql) <= MAX_QUERIES, (item.section, "\n".join(sql))


@pytest.mark.parametrize("name", PAGES)
def test_a_closed_meeting_runs_a_constant_number_of_queries(
    meeting, manager, marketer, salesperson, login, name
):
    """A closed meeting does not grow: next week's, closed after much more happened, runs
    as many queries as this week's."""
    client = login(manager)
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    small = captured_sql(lambda: _get(client, name, meeting))
    bigger = services.plan_meeting(week=THIS_WEEK + timedelta(weeks=1), by=manager,
                                   invite=False)  # fmt: skip
    _grow(bigger, manager=manager, marketer=marketer, salesperson=salesperson)
    services.close_meeting(meeting_id=bigger.pk, by=manager, send=False)
    large = captured_sql(lambda: _get(client, name, bigger))
    assert len(small) == len(large), "\n".join(large)
