"""The sales queue built for volume (issue #10, point 12): a compact table remembered per
person, filters by urgency and segment, sorts, phone links and expected values, and an
inline action that updates its own row (new stage, focus kept)."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from alignment.models import Person
from leads.handoff import queues, sla
from leads.handoff import services as lifecycle
from leads.handoff.working_hours import WorkingHours
from leads.models import Stage
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import MANUFACTURING_ICP, make_segment
from tests.queries import assert_same_query_count

HX = {"HX-Request": "true"}
QUEUE = reverse("leads:queue")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def agreement(manager, sales_manager, salesperson):
    return make_agreement(marketing=manager, sales=sales_manager)  # 24 h, round the clock


def _lead(marketer, name: str, **values):
    return handed_off(ready_lead(by=marketer, last_name=name, email=f"{name}@x.nl", **values),
                      by=marketer)  # fmt: skip


def _table(client):
    client.post(reverse("leads:queue_view"), {"view": "table"})
    return client


def _shown(body: str, *leads) -> list[bool]:
    return [f'id="lead-{lead.pk}"' in body for lead in leads]


# The view, remembered ---------------------------------------------------------------------


def test_the_table_view_is_remembered_per_person(login, marketer, salesperson, agreement):
    lead = _lead(marketer, "Bos", phone="+31 6 1234 5678", estimated_value="12500")
    client = login(salesperson)
    assert "queue-table" not in client.get(QUEUE).text  # cards until chosen otherwise
    response = client.post(reverse("leads:queue_view"), {"view": "table", "next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert Person.objects.get(pk=salesperson.pk).queue_view == "table"
    body = client.get(QUEUE).text
    assert (
        "queue-table" in body
        and f'<tr class="queue-row queue-on-track" id="lead-{lead.pk}"' in body
    )
    assert 'href="tel:+31612345678"' in body and "€12,500" in body


def test_one_persons_choice_is_not_anothers(login, marketer, salesperson, sales_manager, agreement):
    _lead(marketer, "Bos")
    _table(login(salesperson))
    assert "queue-table" not in login(sales_manager).get(QUEUE).text


def test_an_unknown_view_is_refused_and_changes_nothing(login, salesperson, agreement):
    response = login(salesperson).post(reverse("leads:queue_view"), {"view": "grid"}, follow=True)
    assert "Choose cards or a table." in response.text
    assert Person.objects.get(pk=salesperson.pk).queue_view == "cards"


def test_a_marketer_has_no_queue_view_to_choose(login, marketer):
    assert login(marketer).post(reverse("leads:queue_view"), {"view": "table"}).status_code == 403
    assert Person.objects.get(pk=marketer.pk).queue_view == "cards"


# Inline actions update their own row -------------------------------------------------------


def test_an_inline_accept_in_the_table_returns_the_row_with_its_new_stage(
    login, marketer, salesperson, agreement
):
    lead = _lead(marketer, "Bos")
    client = _table(login(salesperson))
    response = client.post(
        reverse("leads:lead_accept", args=[lead.pk]),
        {"expected": "mql", "view": "table"},
        headers=HX,
    )
    body = response.text.strip()
    assert body.startswith("<tr") and f'id="lead-{lead.pk}"' in body
    assert "stage-sal" in body and "stage-mql" not in body
    assert "data-focus-on-load" in body and "First contact…" in body


def test_an_inline_accept_on_a_card_shows_the_new_stage_too(
    login, marketer, salesperson, agreement
):
    lead = _lead(marketer, "Bos")
    response = login(salesperson).post(
        reverse("leads:lead_accept", args=[lead.pk]), {"expected": "mql"}, headers=HX
    )
    body = response.text.strip()
    assert body.startswith("<li") and "stage-sal" in body and "stage-mql" not in body


def test_a_row_that_leaves_the_queue_keeps_its_place_in_the_table(
    login, marketer, salesperson, agreement
):
    lead = _lead(marketer, "Bos")
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    response = login(salesperson).post(
        reverse("leads:lead_contact", args=[lead.pk]), {"channel": "call", "view": "table"},
        headers=HX,
    )  # fmt: skip
    body = response.text.strip()
    assert body.startswith("<tr") and "First contact logged" in body and 'colspan="8"' in body


# Filters and sorts ------------------------------------------------------------------------


def test_filter_by_urgency(login, marketer, salesperson, agreement):
    start = timezone.now()
    early = _lead(marketer, "Early")
    with time_machine.travel(start + timedelta(hours=20), tick=False):
        late = _lead(marketer, "Late")
    client = login(salesperson)
    with time_machine.travel(start + timedelta(hours=21), tick=False):  # 3 of 24 hours left: urgent
        assert _shown(client.get(QUEUE, {"urgency": "urgent"}).text, early, late) == [True, False]
        assert _shown(client.get(QUEUE, {"urgency": "on-track"}).text, early, late) == [
            False,
            True,
        ]
        assert _shown(client.get(QUEUE, {"urgency": "overdue"}).text, early, late) == [
            False,
            False,
        ]
    with time_machine.travel(start + timedelta(hours=33), tick=False):  # Late: 11 of 24 left, soon
        assert _shown(client.get(QUEUE, {"urgency": "overdue"}).text, early, late) == [True, False]
        assert _shown(client.get(QUEUE, {"urgency": "soon"}).text, early, late) == [False, True]


def test_a_filter_that_matches_nothing_says_so(login, marketer, salesperson, agreement):
    _lead(marketer, "Bos")
    body = login(salesperson).get(QUEUE, {"urgency": "overdue"}).text
    assert "No lead in the queue matches these filters." in body


def test_filter_by_segment(login, marketer, salesperson, agreement):
    make_segment(by=marketer)
    transport = make_segment(
        by=marketer, name="Transport", **(MANUFACTURING_ICP | {"industries": ["logistics"]})
    )
    maker = _lead(marketer, "Maker")
    mover = _lead(marketer, "Mover", industry="logistics")
    body = login(salesperson).get(QUEUE, {"segment": transport.pk}).text
    assert _shown(body, maker, mover) == [False, True]


def test_bad_filter_values_are_ignored_not_an_error(login, marketer, sales_manager, agreement):
    lead = _lead(marketer, "Bos")
    for query in ({"urgency": "panic"}, {"segment": "²"}, {"sort": "x"}, {"person": "abc"}):
        response = login(sales_manager).get(QUEUE, query)
        assert response.status_code == 200 and f'id="lead-{lead.pk}"' in response.text


def test_sort_by_expected_value_and_by_fit(login, marketer, salesperson, agreement):
    small = _lead(marketer, "Small", estimated_value="1000")
    big = _lead(marketer, "Big", estimated_value="90000", job_title="Buyer")
    client = login(salesperson)
    by_value = client.get(QUEUE, {"sort": "value"}).text
    assert by_value.index(f'id="lead-{big.pk}"') < by_value.index(f'id="lead-{small.pk}"')
    by_fit = client.get(QUEUE, {"sort": "fit"}).text  # "Buyer" misses the title words
    assert by_fit.index(f'id="lead-{small.pk}"') < by_fit.index(f'id="lead-{big.pk}"')


def test_the_table_runs_a_constant_number_of_queries(login, marketer, salesperson, agreement):
    _lead(marketer, "Bos")
    client = _table(login(salesperson))

    def grow():
        more = [_lead(marketer, f"More{n}", estimated_value="500") for n in range(3)]
        lifecycle.change_stage(lead_id=more[0].pk, to=Stage.SAL, by=salesperson)

    assert_same_query_count(lambda: client.get(QUEUE, {"sort": "value"}), grow)


# One definition of urgency -----------------------------------------------------------------


@pytest.mark.parametrize("working_hours", [False, True])
def test_the_urgency_filter_agrees_with_the_label_of_every_row(
    marketer, manager, sales_manager, salesperson, working_hours
):
    make_agreement(marketing=manager, sales=sales_manager, working_hours_only=working_hours,
                   accept_hours=8)  # fmt: skip
    start = timezone.now()
    leads = []
    for hours in range(0, 12, 2):
        with time_machine.travel(start + timedelta(hours=hours), tick=False):
            leads.append(_lead(marketer, f"L{hours}"))
    for later in range(0, 80, 7):
        with time_machine.travel(start + timedelta(hours=later), tick=False):
            rows = queues.queue(owners=None).items
            for state in sla.LABELS:
                filtered = {row.lead.pk for row in queues.queue(owners=None, urgency=state)}
                assert filtered == {row.lead.pk for row in rows if row.status.state == state}


def test_thresholds_count_working_hours():
    calendar = WorkingHours()
    from datetime import UTC, datetime

    friday = datetime(2026, 3, 6, 15, tzinfo=UTC)  # 16:00 in Amsterdam, one hour left
    due = datetime(2026, 3, 9, 11, tzinfo=UTC)  # Monday 12:00: 4 working hours
    soon, urgent = sla.thresholds(started=friday, due=due, calendar=calendar)
    assert soon == datetime(2026, 3, 9, 9, tzinfo=UTC)  # Monday 10:00: 2 hours in
    assert urgent == datetime(2026, 3, 9, 10, tzinfo=UTC)


def test_the_migration_fills_in_the_moments_of_running_clocks(marketer, salesperson, agreement):
    import importlib

    from django.apps import apps

    from leads.models import SlaClock

    migration = importlib.import_module("leads.migrations.0019_clock_urgency_moments")
    lead = _lead(marketer, "Bos")
    clock = SlaClock.objects.get(lead=lead, closed_at=None)
    SlaClock.objects.filter(pk=clock.pk).update(soon_at=None, urgent_at=None)
    migration.fill_running_clocks(apps, None)
    refilled = SlaClock.objects.get(pk=clock.pk)
    assert (refilled.soon_at, refilled.urgent_at) == (clock.soon_at, clock.urgent_at)
    assert refilled.soon_at == clock.started_at + timedelta(hours=12)
