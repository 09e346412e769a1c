"""Closing a meeting freezes its agenda: the agenda page and projector mode go on showing
exactly what they showed at closing, whatever happens to the data afterwards; an open
meeting shows the data as it is."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from dashboards.meeting import services
from dashboards.models import Section
from dashboards.snapshots.services import compute_days
from leads.handoff import services as lifecycle
from leads.models import Stage
from relationships.actions.services import complete_action_item
from tests.dashboards.meeting.helpers import (
    EN,
    LAST_SUNDAY,
    LAST_WEEK,
    NOW,
    at,
    facts_html,
    field_note,
    shown,
)
from tests.leads.handoff.helpers import handed_off, ready_lead


def _shown(client, meeting) -> tuple[dict[int, str], dict[int, str]]:
    """What the agenda page and projector mode show of the data, per item."""
    page = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    present = client.get(reverse("dashboards:meeting_present", args=[meeting.pk]), headers=EN)
    assert page.status_code == present.status_code == 200
    return facts_html(shown(client, page)), facts_html(shown(client, present), projector=True)


def _change_the_data(week, *, marketer, salesperson) -> None:
    """A day later: a new field note, a late rejection of last week (and its figures
    computed again), and the overdue action item done."""
    field_note(salesperson, "A competitor halved its prices", NOW)
    with time_machine.travel(at(date(2026, 3, 6), 16), tick=False):
        lead = handed_off(ready_lead(by=marketer, company="Later Nee BV"), by=marketer)
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson,
                               reason="not_our_profile", note="Too small")  # fmt: skip
    complete_action_item(item_id=week.overdue.pk, by=marketer)
    compute_days(LAST_WEEK, LAST_SUNDAY)


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "open"])
def test_a_closed_agenda_stays_as_it_was_and_an_open_one_follows_the_data(
    closed, meeting, week, manager, marketer, salesperson, login
):
    client = login(manager)
    before_page, before_present = _shown(client, meeting)
    assert "Write the wholesale case study" in before_page[_item(meeting, Section.ACTIONS)]
    if closed:
        services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
        assert _shown(client, meeting) == (before_page, before_present)
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        _change_the_data(week, marketer=marketer, salesperson=salesperson)
        after_page, after_present = _shown(client, meeting)
    if closed:
        assert after_page == before_page
        assert after_present == before_present
        return
    notes, rejections = _item(meeting, Section.NOTES), _item(meeting, Section.REJECTIONS)
    actions, kpis = _item(meeting, Section.ACTIONS), _item(meeting, Section.KPIS)
    for facts in (after_page, after_present):
        assert "A competitor halved its prices" in facts[notes]
        assert "Later Nee BV" in facts[rejections] and "Not our profile" in facts[rejections]
        assert "Write the wholesale case study" not in facts[actions]
        assert facts[kpis] != (before_page if facts is after_page else before_present)[kpis]


def _item(meeting, section: str) -> int:
    return meeting.items.get(section=section).pk


def test_closing_stores_each_sections_facts_and_a_free_item_keeps_its_text(meeting, manager, login):
    free = services.add_item(meeting_id=meeting.pk, title="Trade fair stand", body="Who goes?",
                             by=manager)  # fmt: skip
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    items = {item.section: item for item in meeting.items.all()}
    assert all(items[section].facts for section in Section if section != Section.FREE)
    assert items[Section.FREE].facts is None
    page = login(manager).get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    assert "Who goes?" in facts_html(page.text)[free.pk]


def test_a_frozen_agenda_is_read_in_the_readers_language(meeting, manager, login):
    services.close_meeting(meeting_id=meeting.pk, by=manager, send=False)
    client = login(manager)
    url = reverse("dashboards:meeting", args=[meeting.pk])
    english = facts_html(client.get(url, headers=EN).text)
    dutch = facts_html(client.get(url, headers={"Accept-Language": "nl"}).text)
    rejections = _item(meeting, Section.REJECTIONS)
    assert "No budget" in english[rejections] and "Geen budget" in dutch[rejections]
