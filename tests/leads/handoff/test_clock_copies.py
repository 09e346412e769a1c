"""A running clock's copies of its lead's expected value, fit score and segment (kept by
database triggers, migration 0025; -1 for none) equal the lead's own after every way they
are written: a handoff, an acceptance, a lead edit, a rescoring in several statements. The
queue sorts and filters by the copies, so a stale copy would misplace a lead."""

from decimal import Decimal

import pytest
from django.urls import reverse

from leads.handoff import services as lifecycle
from leads.intake import services as intake
from leads.models import Segment, SlaClock, Stage
from leads.profiles import rescoring
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import MANUFACTURING_ICP, make_segment

pytestmark = pytest.mark.both_databases
QUEUE = reverse("leads:queue")


@pytest.fixture
def agreement(manager, sales_manager, salesperson):
    return make_agreement(marketing=manager, sales=sales_manager)


def _lead(marketer, name: str, **values):
    lead = ready_lead(by=marketer, last_name=name, email=f"{name}@x.nl", **values)
    return handed_off(lead, by=marketer)


def _copies() -> dict[int, list]:
    running = SlaClock.objects.filter(closed_at=None)
    rows = running.values_list("pk", "sort_value", "sort_fit", "fit_segment")
    return {pk: rest for pk, *rest in rows}


def _truth() -> dict[int, list]:
    running = SlaClock.objects.filter(closed_at=None).values_list(
        "pk", "lead__estimated_value", "lead__fit__score", "lead__fit__segment"
    )
    none = Decimal(-1), -1, None
    return {pk: [none[n] if v is None else v for n, v in enumerate(rest)] for pk, *rest in running}


def _assert_copied(expected: dict[int, tuple]) -> None:
    assert _truth() == expected  # the data is what the test meant it to be
    assert _copies() == expected


def test_a_new_clock_copies_its_lead(marketer, agreement):
    segment = make_segment(by=marketer)
    lead = _lead(marketer, "Bos", estimated_value=Decimal("2500"))
    clock = SlaClock.objects.get(lead=lead)
    _assert_copied({clock.pk: [Decimal("2500.00"), 100, segment.pk]})


def test_an_edit_moves_the_copies_of_the_running_clock_only(marketer, sales_manager, agreement):
    lead = _lead(marketer, "Bos", estimated_value=Decimal("2500"))
    accept_clock = SlaClock.objects.get(lead=lead)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=sales_manager)
    contact_clock = SlaClock.objects.get(lead=lead, closed_at=None)
    segment_id = lead.fit.segment_id

    lead.refresh_from_db()
    values = {"estimated_value": Decimal("7000"), "job_title": "Buyer"}
    intake.edit_lead(lead_id=lead.pk, values=values, by=sales_manager,
                     version=intake.version_of(lead))  # fmt: skip
    _assert_copied({contact_clock.pk: [Decimal("7000.00"), 83, segment_id]})
    # The closed accept clock keeps what it had when it closed.
    closed = SlaClock.objects.get(pk=accept_clock.pk)
    assert (closed.sort_value, closed.sort_fit) == (Decimal("2500.00"), 100)


def test_a_rescoring_in_several_statements_moves_every_copy(marketer, agreement):
    first = make_segment(by=marketer)
    for n in range(3):
        _lead(marketer, f"L{n}")
    _lead(marketer, "Mover", industry="logistics")
    assert {segment for *_, segment in _copies().values()} == {first.pk}

    second = make_segment(by=marketer, name="Logistics",
                          **(MANUFACTURING_ICP | {"industries": ["logistics"]}))  # fmt: skip
    rescoring.rescore_all(batch=2)
    assert {segment for *_, segment in _copies().values()} == {first.pk, second.pk}
    _assert_copied(_truth())

    Segment.objects.filter(pk=second.pk).update(active=False)
    rescoring.rescore_all(batch=1)
    _assert_copied(_truth())
    assert {segment for *_, segment in _copies().values()} == {first.pk}


def test_the_queue_follows_an_edited_value(login, marketer, sales_manager, salesperson, agreement):
    small = _lead(marketer, "Small", estimated_value=Decimal("1000"))
    big = _lead(marketer, "Big", estimated_value=Decimal("90000"))
    small.refresh_from_db()
    intake.edit_lead(lead_id=small.pk, values={"estimated_value": Decimal("150000")},
                     by=sales_manager, version=intake.version_of(small))  # fmt: skip
    body = login(sales_manager).get(QUEUE, {"sort": "value"}).text
    assert body.index(f'id="lead-{small.pk}"') < body.index(f'id="lead-{big.pk}"')
