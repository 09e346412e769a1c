"""The shared dashboard: it reads the snapshots and the targets, follows the filters in
its address, orders the tiles for the reader's team, says in words how each figure stands
and warns when the figures are old; managers land on it from the home page."""

import random
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from dashboards.models import Snapshot
from dashboards.snapshots import services
from tests.conftest import make_person
from tests.dashboards.dashboard.helpers import (
    DAY,
    HTMX,
    NOW,
    fill,
    finished_run,
    get_board,
    put,
    target,
)
from tests.dashboards.snapshots import histories
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.helpers import make_lead, make_segment
from tests.queries import assert_same_query_count


def _tile(html: str, name: str) -> str:
    """The text of the tile of the KPI called `name`."""
    for tile in html.split('<li class="kpi-tile')[1:]:
        tile = tile.split("</li>")[0]
        if f'<h3 class="kpi-name">{name}</h3>' in tile:
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tile))
    raise AssertionError(f"no tile {name}")


def _groups(response) -> list[str]:
    return [label for label, _tiles in response.context["tile_groups"]]


def _group_of(response, key: str) -> str:
    for label, tiles in response.context["tile_groups"]:
        if any(tile.kpi.key == key for tile in tiles):
            return label
    raise AssertionError(key)


# What the page shows ---------------------------------------------------------------------


def test_a_tile_shows_the_figure_its_target_and_a_traffic_light_in_words(login, manager):
    fill(DAY)
    Snapshot.objects.filter(kpi="win_rate").update(value=Decimal("0.52"))
    target("win_rate", "0.50", by=manager, day=DAY)  # a rate: compared as it stands
    target("sql_to_won", "0.52", by=manager, day=DAY)  # 0.50: within 10 % short
    target("sal_to_sql", "0.80", by=manager, day=DAY)  # 0.50: far behind
    finished_run(hours_ago=7)
    page = get_board(login(manager)).text
    win = _tile(page, "Win rate")
    assert "52%" in win and "target 50%" in win and "On target (104%)" in win
    assert "Close to target (96%)" in _tile(page, "SQL → won")
    assert "Behind target (62%)" in _tile(page, "SAL → SQL")
    assert "No target" in _tile(page, "MQLs")
    # The label is there in words, whatever the colour.
    assert 'class="kpi-tile kpi-sales light-green"' in page


def test_a_rate_without_a_denominator_reads_no_data_not_zero(login, manager):
    fill(DAY)
    Snapshot.objects.filter(kpi="acceptance_rate").update(value=None, numerator=0, denominator=0)
    target("acceptance_rate", "0.75", by=manager, day=DAY)
    tile = _tile(get_board(login(manager)).text, "MQL → SAL acceptance")
    assert "no data" in tile and "0%" not in tile
    assert "target 75%" in tile and "No target" not in tile  # it has one


def test_the_trend_compares_with_the_same_point_of_the_period_before(login, manager):
    fill(DAY, base=10)  # 30 new leads on 9 March, the 68th day of Q1
    fill(date(2025, 12, 7), base=8)  # 24 on 7 December: as many days into Q4
    tile = _tile(get_board(login(manager)).text, "New leads")
    assert "↑ 24 at the same point of the period before" in tile


def test_the_board_shows_the_funnel_reasons_segments_and_campaigns(login, manager):
    segment = make_segment(by=manager)
    campaign = make_campaign(owner=manager, name="Webinar maart", code="W-3")
    fill(DAY)
    fill(DAY, segment=segment, base=4)
    put(DAY, "rejection_reasons", 5, dimension="no_budget")
    put(DAY, "campaign_roi", "1.5", dimension=f"campaign:{campaign.pk}", numerator=3000,
        denominator=2000)  # fmt: skip
    put(DAY, "win_rate", "0.4", segment=segment, dimension="band:high")
    page = get_board(login(manager)).text
    assert "No budget" in page
    assert "Webinar maart" in page and "€5,000" in page and "150%" in page
    assert segment.name in page and "40%" in page


# The filters -----------------------------------------------------------------------------


@pytest.fixture
def periods(manager):
    """New leads: 30 this quarter, 12 this month, 9 in the segment; 27 the day before."""
    segment = make_segment(by=manager)
    put(DAY, "new_leads", 30)
    put(DAY, "new_leads", 12, period="month")
    put(DAY, "new_leads", 9, segment=segment)
    put(DAY - timedelta(days=1), "new_leads", 27)
    target("new_leads", 200, by=manager, day=DAY)
    target("new_leads", 60, by=manager, day=DAY, segment=segment)
    return segment


def test_the_filters_choose_period_segment_and_day(login, manager, periods):
    client = login(manager)

    def new_leads(**filters):
        return get_board(client, **filters).context["board"].value("new_leads")

    assert new_leads() == 30
    assert new_leads(period="month") == 12
    assert new_leads(segment=periods.pk) == 9
    assert new_leads(day="2026-03-08") == 27
    assert "target 60" in _tile(get_board(client, segment=periods.pk).text, "New leads")
    assert "target 200" in _tile(get_board(client).text, "New leads")


@pytest.mark.parametrize(
    "filters",
    [
        {"period": "decade"},
        {"segment": "999999"},
        {"segment": "abc"},
        {"day": "gisteren"},
        {"day": "2026-02-30"},
        {"day": "2099-01-01"},
        {"period": ["week", "x"]},
    ],  # fmt: skip
)
def test_a_bad_filter_value_is_ignored(login, manager, periods, filters):
    response = get_board(login(manager), **filters)
    assert response.context["board"].value("new_leads") == 30
    assert response.context["period"] == "quarter"
    assert '<option value="quarter" selected>' in response.text  # the select says so too


def test_a_day_before_the_first_figures_says_when_they_start(login, manager, periods):
    page = get_board(login(manager), day="2025-01-01").text
    assert "There are no figures up to this day." in page
    assert "The first figures are of 8 Mar 2026." in page
    assert "have not been computed yet" not in page


def test_the_htmx_request_gets_only_the_board(login, manager, periods):
    response = get_board(login(manager), HTMX, period="month")
    html = response.text.strip()
    assert html.startswith('<div id="board">') and html.endswith("</div>")
    assert "<html" not in html and 'class="filterbar"' not in html
    assert "12" in _tile(html, "New leads")


# Whose tiles come first -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "order"),
    [
        ("salesperson", ["Sales", "Marketing", "Shared and joint"]),
        ("marketer", ["Marketing", "Sales", "Shared and joint"]),
        ("sales_manager", ["Sales", "Marketing", "Shared and joint"]),
        ("service", ["Marketing", "Sales", "Shared and joint"]),
    ],
)
def test_each_team_sees_its_own_tiles_first_and_joint_targets_last(login, manager, persona, order):
    fill(DAY)
    target("mqls", 300, by=manager, day=DAY, joint=True)  # a marketing KPI, a joint target
    target("new_leads", 300, by=manager, day=DAY)
    response = get_board(login(make_person(persona)))
    assert _groups(response) == order
    assert _group_of(response, "mqls") == "Shared and joint"
    assert _group_of(response, "new_leads") == "Marketing"
    assert _group_of(response, "won_revenue") == "Shared and joint"  # a shared KPI
    headings = re.findall(r'<h2 id="tiles-\d" class="tile-group">([^<]+)</h2>', response.text)
    assert headings == order
    assert "joint target" in _tile(response.text, "MQLs")


# How old the figures are ----------------------------------------------------------------


@pytest.mark.parametrize(("hours", "warned"), [(29, False), (31, True)])
def test_figures_older_than_thirty_hours_are_flagged(login, manager, hours, warned):
    fill(DAY)
    finished_run(hours_ago=hours)
    page = get_board(login(manager)).text
    assert ("more than a day old" in page) is warned
    assert ("computed-warning" in page) is warned
    computed = (NOW - timedelta(hours=hours)).astimezone(timezone.get_current_timezone())
    assert f"Computed on {computed.day} {computed:%b} 2026 at {computed:%H:%M}." in page


def test_no_run_at_all_is_flagged_as_old(login, manager):
    fill(DAY)
    assert "more than a day old" in get_board(login(manager)).text


def test_a_failed_last_run_is_flagged_until_a_run_succeeds(login, manager):
    fill(DAY)
    finished_run(hours_ago=20)
    finished_run(hours_ago=2, status="failed")
    page = get_board(login(manager)).text
    assert "The last computation failed" in page and "more than a day old" not in page
    finished_run(hours_ago=1)
    assert "The last computation failed" not in get_board(login(manager)).text


def test_before_the_first_run_the_page_explains_itself(login, manager, salesperson):
    for person in (manager, salesperson):
        page = get_board(login(person)).text
        assert "The figures have not been computed yet." in page
        assert 'class="filterbar"' in page
    assert "The figures have not been computed yet." in get_board(login(manager), HTMX).text


# The number of queries -------------------------------------------------------------------


def test_the_page_costs_the_same_number_of_queries_at_two_data_sizes(login, manager):
    first = make_segment(by=manager, name="Segment 1")
    campaign = make_campaign(owner=manager, name="C1", code="C1")
    for day in (DAY, date(2025, 12, 31)):
        fill(day)
        fill(day, segment=first)
    put(DAY, "campaign_roi", "0.5", dimension=f"campaign:{campaign.pk}", numerator=1,
        denominator=2)  # fmt: skip
    target("mqls", 100, by=manager, day=DAY, joint=True)
    finished_run(hours_ago=3)
    client = login(manager)

    def grow():
        for number in range(2, 6):
            segment = make_segment(by=manager, name=f"Segment {number}")
            target("mqls", 10, by=manager, day=DAY, segment=segment)
            for day in (DAY, date(2025, 12, 31), date(2025, 9, 30), date(2025, 6, 30)):
                fill(day, segment=segment)
            put(DAY, "win_rate", "0.3", segment=segment, dimension="band:low")
            extra = make_campaign(owner=manager, name=f"C{number}", code=f"C{number}")
            put(DAY, "campaign_roi", "2", dimension=f"campaign:{extra.pk}", numerator=4,
                denominator=2)  # fmt: skip
            put(DAY, "rejection_reasons", number, dimension=f"reason {number}")
            make_lead(email=f"grow{number}@example.nl")
        for day in (date(2025, 9, 30), date(2025, 6, 30), date(2024, 12, 31)):
            fill(day)
        target("win_rate", "0.4", by=manager, day=DAY)
        finished_run(hours_ago=2)

    assert_same_query_count(lambda: get_board(client), grow)
    assert_same_query_count(lambda: get_board(client, HTMX, segment=first.pk), lambda: None)


def test_the_page_reads_what_the_nightly_computation_wrote(login, manager):
    """Through the real computation on a small history: every tile has its stored value."""
    marketer, seller = make_person("marketer"), make_person("salesperson")
    world = histories.make(random.Random(7), leads=40, by=marketer, seller=seller)
    day = date(2026, 12, 31)
    with time_machine.travel(datetime(2027, 1, 1, 3, tzinfo=UTC), tick=False):
        services.compute_days(day, day)
        response = get_board(login(manager), segment=world.segments[0].pk)
    stored = dict(Snapshot.objects.filter(day=day, period="quarter", segment=world.segments[0],
                                          dimension="").values_list("kpi", "value"))  # fmt: skip
    board = response.context["board"]
    assert board.window.start == date(2026, 10, 1)
    for tile in board.tiles:
        assert tile.value == stored.get(tile.kpi.key), tile.kpi.key
    assert any(tile.value for tile in board.tiles)


# The home page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "overrides", "lands_on_dashboard"),
    [
        ("manager", {}, True),
        ("sales_manager", {}, True),
        ("manager", {"leads_all_teams": True, "username": "director"}, True),
        ("marketer", {}, False),
        ("salesperson", {}, False),
        ("service", {}, False),
        ("admin", {}, False),
    ],
)
def test_managers_of_marketing_and_sales_land_on_the_dashboard(
    db, login, persona, overrides, lands_on_dashboard
):
    response = login(make_person(persona, **overrides)).get(reverse("dashboards:home"))
    if lands_on_dashboard:
        assert response.status_code == 302 and response.url == reverse("dashboards:dashboard")
    else:
        assert response.status_code == 200
        assert "dashboards/home/home.html" in [t.name for t in response.templates]
