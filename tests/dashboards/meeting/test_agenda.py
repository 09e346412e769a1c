"""The agenda is built from the data when it is opened: each of the nine sections shows
last week's facts (and leaves out what it should), on the agenda page and in projector
mode."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from dashboards.meeting import queries, services
from dashboards.meeting.agenda import CAMPAIGN_WEEKS
from dashboards.models import Meeting, Section
from tests.dashboards.dashboard.helpers import fill
from tests.dashboards.meeting.helpers import (
    EN,
    NOW,
    THIS_WEEK,
    facts_html,
    field_note,
    product_update,
    shown,
)


def _by_section(meeting: Meeting, html: str, *, projector: bool = False) -> dict[str, str]:
    """Each section's facts as shown, by section (`html`: the page with its live sections
    loaded, helpers.shown)."""
    facts = facts_html(html, projector=projector)
    return {item.section: facts.get(item.pk, "") for item in meeting.items.all()}


@pytest.fixture
def agenda(meeting, login, manager):
    client = login(manager)
    response = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    assert response.status_code == 200
    return _by_section(meeting, shown(client, response))


def _facts(meeting: Meeting) -> dict[str, dict]:
    items = meeting.items.all()
    return {i.section: queries.live_facts(queries.section_item(meeting.pk, i.pk)) for i in items}


def test_the_sections_come_in_their_fixed_order(meeting, agenda):
    assert list(meeting.items.values_list("section", flat=True)) == [
        Section.KPIS, Section.FUNNEL, Section.REJECTIONS, Section.DEALS, Section.CAMPAIGNS,
        Section.UPDATES, Section.NOTES, Section.ACCOUNTS, Section.ACTIONS,
    ]  # fmt: skip
    assert all(agenda[section] for section in agenda)


def test_last_weeks_figures_against_target(meeting, agenda):
    rows = {row["key"]: row for row in _facts(meeting)[Section.KPIS]["rows"]}
    # Six leads came in last week, all six handed to sales; 40 MQLs is the quarter's target.
    assert rows["new_leads"]["week"] == "6.0000"
    assert (rows["mqls"]["target"], rows["mqls"]["joint"], rows["mqls"]["light"]) == (
        "40.0000", True, "red",
    )  # fmt: skip
    html = agenda[Section.KPIS]
    assert "The week of 2 Mar to 8 Mar" in html
    assert '<tr class="light-red">' in html and "Behind target" in html
    assert "€45,000" in html  # won revenue: 40,000 + 5,000


def test_funnel_movement_and_the_missed_deadline(meeting, agenda, week):
    html = agenda[Section.FUNNEL]
    assert "Handed to sales (MQL)" in html
    assert reverse("leads:lead_detail", args=[week.missed.pk]) in html
    assert "Te Laat BV" in html and "Wed 4 Mar, 13:00" in html
    missed = _facts(meeting)[Section.FUNNEL]["missed"]
    assert [row["lead_id"] for row in missed] == [week.missed.pk]


def test_rejected_leads_with_their_reason(agenda, week):
    html = agenda[Section.REJECTIONS]
    assert "No budget" in html and "Nee BV" in html and "They spend next year" in html
    assert reverse("leads:lead_detail", args=[week.rejected.pk]) in html


def test_important_deals_above_the_threshold_only(agenda, week):
    html = agenda[Section.DEALS]
    assert "Deals of €25,000 or more." in html
    assert "Groot Gewonnen BV" in html and "€40,000" in html  # won last week
    assert "Groot Open BV" in html and "€60,000" in html  # in play
    assert "Klein Gewonnen BV" not in html and "Klein Open BV" not in html


def test_the_threshold_is_the_meetings_own(meeting, manager, login):
    Meeting.objects.filter(pk=meeting.pk).update(deal_threshold=4_000)
    client = login(manager)
    response = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    html = _by_section(meeting, shown(client, response))[Section.DEALS]
    assert "Klein Gewonnen BV" in html and "Klein Open BV" in html


def test_campaigns_starting_within_two_weeks_with_their_offer(agenda, week):
    html = agenda[Section.CAMPAIGNS]
    assert "Spring webinar" in html and "A free planning scan" in html
    assert reverse("leads:campaign_detail", args=[week.campaign.pk]) in html
    assert "Summer fair" not in html  # starts in six weeks


def test_product_updates_and_field_notes_since_the_previous_meeting(agenda):
    assert "New price list" in agenda[Section.UPDATES]
    assert "Old price list" not in agenda[Section.UPDATES]  # before the meeting of 3 March
    assert "Customers ask about the ERP link" in agenda[Section.NOTES]
    assert "Not acknowledged yet · 1 reply" in agenda[Section.NOTES]
    assert "An old remark about delivery times" not in agenda[Section.NOTES]


def test_open_action_items_with_the_overdue_ones_highlighted(agenda, week):
    html = agenda[Section.ACTIONS]
    assert "Write the wholesale case study" in html
    assert '<tr class="row-overdue">' in html and "overdue" in html
    assert "Update the call script" not in html  # done on 5 March


def test_without_a_previous_meeting_it_looks_back_one_week(manager, salesperson, login):
    field_note(salesperson, "Heard on Monday", NOW - timedelta(days=2))
    field_note(salesperson, "Heard a month ago", NOW - timedelta(days=30))
    meeting = services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
    client = login(manager)
    response = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    html = _by_section(meeting, shown(client, response))[Section.NOTES]
    assert "Heard on Monday" in html and "Heard a month ago" not in html


def test_every_section_says_so_when_it_is_empty(manager, login):
    meeting = services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
    client = login(manager)
    response = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    sections = _by_section(meeting, shown(client, response))
    assert "No figures for last week yet" in sections[Section.KPIS]
    assert "No deadline was missed last week." in sections[Section.FUNNEL]
    assert "Sales rejected no leads last week." in sections[Section.REJECTIONS]
    assert "No large deal is open." in sections[Section.DEALS]
    weeks = CAMPAIGN_WEEKS
    assert f"No campaign runs or starts in the next {weeks} weeks." in sections[Section.CAMPAIGNS]
    assert "No product updates since the last meeting." in sections[Section.UPDATES]
    assert "No field notes since the last meeting." in sections[Section.NOTES]
    assert "No open action items." in sections[Section.ACTIONS]


def test_the_projector_shows_the_same_facts_one_screen_at_a_time(meeting, manager, login):
    url = reverse("dashboards:meeting_present", args=[meeting.pk])
    client = login(manager)
    response = client.get(url, headers=EN)
    assert response.status_code == 200
    on_screen = _by_section(meeting, shown(client, response), projector=True)
    assert "Groot Gewonnen BV" in on_screen[Section.DEALS]
    assert "Customers ask about the ERP link" in on_screen[Section.NOTES]
    assert response.text.count("data-slide ") == 9
    assert "topbar" not in response.text  # no navigation chrome


def test_a_hidden_section_is_left_out_of_the_projector(meeting, manager, login):
    notes = meeting.items.get(section=Section.NOTES)
    notes.hidden = True
    notes.save()
    client = login(manager)
    response = client.get(reverse("dashboards:meeting_present", args=[meeting.pk]), headers=EN)
    assert f'id="item-{notes.pk}"' not in response.text
    assert response.text.count("data-slide ") == 8
    page = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN).text
    assert "Hidden: not on the screen in this meeting." in page
    assert "Customers ask about the ERP link" not in page


def test_a_projector_screen_shows_a_few_lines_and_says_how_many_more(
    meeting, manager, marketer, login
):
    for number in range(52):
        product_update(marketer, f"Extra update {number}", meeting.starts_at)
    client = login(manager)
    present = client.get(reverse("dashboards:meeting_present", args=[meeting.pk]), headers=EN)
    on_screen = _by_section(meeting, shown(client, present), projector=True)
    assert "and 49 more (on the agenda page)" in on_screen[Section.UPDATES]  # 53, 4 on screen
    page = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    on_page = _by_section(meeting, shown(client, page))[Section.UPDATES]
    assert on_page.count("<h3>") == 50
    assert "and 3 more" in on_page and "on the agenda page" not in on_page


def test_figures_of_an_older_week_are_not_shown_as_last_weeks(manager, login):
    # The nightly run stopped on 25 February: nothing is known of 2–8 March.
    fill(date(2026, 2, 25), period="week", base=10)
    fill(date(2026, 2, 25), period="quarter", base=10)
    meeting = services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
    client = login(manager)
    response = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    sections = _by_section(meeting, shown(client, response))
    assert "No figures for last week yet" in sections[Section.KPIS]
    steps = _facts(meeting)[Section.FUNNEL]["steps"]
    assert [step["count"] for step in steps] == [None] * 5
    assert _facts(meeting)[Section.REJECTIONS]["reasons"] == []


def test_agendas_frozen_before_the_span_was_a_fact_keep_their_two_weeks(manager, login):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("dashboards.migrations.0006_campaign_facts_weeks")
    meeting = services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
    meeting.items.filter(section=Section.CAMPAIGNS).update(facts={"campaigns": []})
    migration.add_span(apps, None)
    assert meeting.items.get(section=Section.CAMPAIGNS).facts == {"campaigns": [], "weeks": 2}
