"""Two people act on the same lead at the same moment, on two real database connections:
exactly one of them wins, the other is told so, and the lead has one event."""

import threading

import pytest
from django.db import connection

from leads.handoff import services as lifecycle
from leads.handoff import transitions
from leads.handoff.transitions import TransitionRefused
from leads.models import Lead, LeadEvent, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)


@pytest.mark.django_db(transaction=True)
def test_accept_and_reject_at_the_same_moment_only_one_wins(monkeypatch):
    marketer = make_person("marketer")
    owner = make_person("salesperson")
    manager = make_person("sales_manager")
    make_agreement(marketing=make_person("manager"), sales=manager)
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    assert lead.owner == owner

    first_inside = threading.Event()
    release = threading.Event()
    real_check = transitions.check

    def slow_check(**kwargs):
        # The first one holds the lead's row lock until the second one is waiting for it.
        if not first_inside.is_set():
            first_inside.set()
            release.wait(timeout=10)
        return real_check(**kwargs)

    monkeypatch.setattr(transitions, "check", slow_check)
    outcome = {}

    def act(name, **kwargs):
        try:
            lifecycle.change_stage(lead_id=lead.pk, expected=Stage.MQL, **kwargs)
            outcome[name] = "won"
        except TransitionRefused as refusal:
            outcome[name] = refusal
        finally:
            connection.close()

    accept = threading.Thread(target=act, args=["accept"], kwargs={"to": Stage.SAL, "by": owner})
    accept.start()
    assert first_inside.wait(timeout=10)
    reject = threading.Thread(
        target=act,
        args=["reject"],
        kwargs={"to": Stage.REJECTED, "by": manager, "reason": "no_need"},
    )
    reject.start()
    reject.join(timeout=1)
    assert reject.is_alive()  # waiting for the row lock the first one holds
    release.set()
    accept.join(timeout=10)
    reject.join(timeout=10)

    assert outcome["accept"] == "won"
    assert isinstance(outcome["reject"], lifecycle.Conflict)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.SAL
    assert LeadEvent.objects.filter(lead=lead, from_stage=Stage.MQL).count() == 1
