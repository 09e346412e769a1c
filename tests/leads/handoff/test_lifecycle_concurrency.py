"""Two people act on the same lead at the same moment, on two real database connections:
exactly one of them wins, the other is told so, and the lead has one event. On PostgreSQL
the second waits for the lead's row lock; on SQLite (the embedded default) for the
database's write lock, which a transaction takes when it begins (transaction_mode
IMMEDIATE), so neither ends in "database is locked"."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from leads.handoff import services as lifecycle
from leads.handoff import transitions
from leads.handoff.transitions import TransitionRefused
from leads.models import Lead, LeadEvent, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

pytestmark = pytest.mark.django_db(transaction=True)


def _race(monkeypatch, first: Callable, second: Callable) -> dict:
    """Run `first` until it is inside its transaction (at the rule check), start `second`
    and see it wait, then let `first` finish. Each outcome: what it returned, or the
    refusal (any other exception fails the test)."""
    first_inside = threading.Event()
    release = threading.Event()
    real_check = transitions.check

    def slow_check(**kwargs):
        # The first one holds its lock until the second one is waiting for it.
        if not first_inside.is_set():
            first_inside.set()
            release.wait(timeout=10)
        return real_check(**kwargs)

    monkeypatch.setattr(transitions, "check", slow_check)
    outcome = {}

    def run(name, action):
        try:
            outcome[name] = action()
        except TransitionRefused as refusal:
            outcome[name] = refusal
        except Exception as error:  # e.g. "database is locked"
            outcome[name] = error
        finally:
            connection.close()

    one = threading.Thread(target=run, args=["first", first])
    one.start()
    assert first_inside.wait(timeout=10)
    two = threading.Thread(target=run, args=["second", second])
    two.start()
    two.join(timeout=1)
    waiting = two.is_alive()  # for the lock the first one holds
    release.set()
    one.join(timeout=20)
    two.join(timeout=20)
    assert waiting
    return outcome


@pytest.fixture
def people():
    marketer = make_person("marketer")
    owner = make_person("salesperson")
    manager = make_person("sales_manager")
    make_agreement(marketing=make_person("manager"), sales=manager)
    return marketer, owner, manager


def _step(lead, to, by, **kwargs):
    return lambda: lifecycle.change_stage(
        lead_id=lead.pk, to=to, by=by, expected=Stage.MQL, **kwargs
    )


def test_accept_and_reject_at_the_same_moment_only_one_wins(monkeypatch, people):
    marketer, owner, manager = people
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    assert lead.owner == owner
    reject = _step(lead, Stage.REJECTED, manager, reason="no_need")
    outcome = _race(monkeypatch, _step(lead, Stage.SAL, owner), reject)

    assert isinstance(outcome["first"], Lead)
    assert isinstance(outcome["second"], lifecycle.Conflict)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.SAL
    assert LeadEvent.objects.filter(lead=lead, from_stage=Stage.MQL).count() == 1


def test_two_accepts_at_the_same_moment_make_one_event(monkeypatch, people):
    marketer, owner, manager = people
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    outcome = _race(monkeypatch, _step(lead, Stage.SAL, owner), _step(lead, Stage.SAL, manager))

    assert isinstance(outcome["first"], Lead)
    assert isinstance(outcome["second"], lifecycle.Conflict)
    assert LeadEvent.objects.filter(lead=lead, to_stage=Stage.SAL).count() == 1


def test_two_bulk_handoffs_of_overlapping_leads_hand_each_off_once(monkeypatch, people):
    marketer, _owner, _manager = people
    colleague = make_person("marketer", username="colleague")
    leads = [ready_lead(by=marketer, email=f"lead{n}@x.nl") for n in range(3)]
    ids = [lead.pk for lead in leads]
    outcome = _race(
        monkeypatch,
        lambda: lifecycle.hand_off(lead_ids=ids[:2], by=marketer),
        lambda: lifecycle.hand_off(lead_ids=ids[1:], by=colleague),
    )

    (done_first, refused_first), (done_second, refused_second) = outcome.values()
    assert [lead.pk for lead in done_first] == ids[:2] and not refused_first
    assert [lead.pk for lead in done_second] == ids[2:]
    assert [lead.pk for lead, _why in refused_second] == [ids[1]]
    assert LeadEvent.objects.filter(to_stage=Stage.MQL).count() == 3
