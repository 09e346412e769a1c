"""What the weekly meeting gets from the key accounts: next steps due within a week or
overdue, and the accounts where nothing happened for 30 days; plain values."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from alignment.models import Person
from leads.handoff import services as lifecycle
from leads.models import Stage
from relationships.accounts import services
from relationships.accounts.queries import meeting_facts
from relationships.actions import services as actions
from tests.queries import assert_same_query_count
from tests.relationships.accounts.helpers import agreement, deal, key_account, lead, organisation


def _account(name: str, *, by: Person, seller: Person, marketer: Person):
    lead(name, f"info@{name.lower()}.nl")
    return key_account(organisation(name), by=by, account_manager=seller, marketer=marketer)


@pytest.fixture
def accounts(manager, salesperson, marketer):
    return {
        name: _account(name, by=manager, seller=salesperson, marketer=marketer)
        for name in ("Acme", "Brons")
    }


def _step(account, title: str, owner: Person, due_in: int, today: datetime.date):
    """A next step due `due_in` days from today (made back then when that is past)."""
    due = today + datetime.timedelta(days=due_in)
    return services.add_next_step(
        account_id=account.pk, title=title, owner=owner, by=owner, due_date=due,
        today=min(today, due),
    )  # fmt: skip


def test_next_steps_due_within_a_week_or_overdue(accounts, salesperson, marketer):
    today = timezone.localdate()
    acme = accounts["Acme"]
    _step(acme, "Late", salesperson, -2, today)
    _step(acme, "Soon", marketer, 7, today)
    _step(acme, "Later", marketer, 8, today)
    done = _step(acme, "Done", marketer, 1, today)
    actions.complete_action_item(item_id=done.pk, by=marketer)
    actions.create_action_item(title="Not an account's", owner=marketer, by=marketer,
                               due_date=today)  # fmt: skip
    facts = meeting_facts(today)
    url = reverse("relationships:key_account", args=[acme.pk])
    assert facts["next_steps"] == [
        {"title": "Late", "account": "Acme", "url": url, "owner": salesperson.name,
         "due": (today - datetime.timedelta(days=2)).isoformat(), "overdue": True},
        {"title": "Soon", "account": "Acme", "url": url, "owner": marketer.name,
         "due": (today + datetime.timedelta(days=7)).isoformat(), "overdue": False},
    ]  # fmt: skip
    assert json.loads(json.dumps(facts)) == facts


def _quiet(today: datetime.date) -> list[str]:
    return [row["account"] for row in meeting_facts(today)["quiet_accounts"]]


@pytest.mark.both_databases
def test_an_account_is_quiet_after_30_days_without_activity_step_or_stage_change(
    accounts, marketer
):
    today = timezone.localdate()
    services.save_activity(
        account_id=accounts["Acme"].pk, by=marketer,
        values={"date": today - datetime.timedelta(days=29), "kind": "visit", "title": "Visit",
                "campaign": None, "note": ""},
    )  # fmt: skip
    assert _quiet(today) == ["Brons"]
    # The longest quiet first: Brons never had anything.
    assert _quiet(today + datetime.timedelta(days=1)) == ["Brons", "Acme"]
    _step(accounts["Brons"], "Call", marketer, 3, today)
    assert _quiet(today) == []
    assert meeting_facts(today + datetime.timedelta(days=40))["quiet_accounts"][0] == {
        "account": "Acme",
        "url": reverse("relationships:key_account", args=[accounts["Acme"].pk]),
        "account_manager": accounts["Acme"].account_manager.name,
        "last": (today - datetime.timedelta(days=29)).isoformat(),
    }


@pytest.mark.both_databases
def test_a_stage_change_of_one_of_its_leads_keeps_an_account_active(
    manager, sales_manager, marketer, salesperson, time_machine
):
    agreement(manager, sales_manager)
    won = deal(marketer=marketer, salesperson=salesperson, company="Acme", email="a@acme.nl",
               stage=Stage.OPPORTUNITY)  # fmt: skip
    key_account(organisation("Acme"), by=manager, account_manager=salesperson, marketer=marketer)
    today = timezone.localdate()
    assert _quiet(today) == []
    time_machine.move_to(timezone.now() + datetime.timedelta(days=45))
    later = timezone.localdate()
    _account("Brons", by=manager, seller=salesperson, marketer=marketer)  # a lead, no change
    assert _quiet(later) == ["Acme", "Brons"]
    lifecycle.change_stage(lead_id=won.pk, to=Stage.LOST, by=salesperson, reason="price")
    assert _quiet(later) == ["Brons"]  # only the account whose lead changed


def test_the_facts_take_a_constant_number_of_queries(accounts, manager, salesperson, marketer):
    today = timezone.localdate()
    _step(accounts["Acme"], "Soon", marketer, 2, today)

    def grow():
        for name in ("Cobalt", "Delta", "Eiken"):
            account = _account(name, by=manager, seller=salesperson, marketer=marketer)
            _step(account, "Soon", marketer, 2, today)

    assert_same_query_count(lambda: meeting_facts(today + datetime.timedelta(days=31)), grow)


def test_an_activity_planned_for_later_does_not_count_yet(accounts, marketer):
    today = timezone.localdate()
    services.save_activity(
        account_id=accounts["Brons"].pk, by=marketer,
        values={"date": today + datetime.timedelta(days=10), "kind": "event",
                "title": "Fair", "campaign": None, "note": ""},
    )  # fmt: skip
    assert "Brons" in _quiet(today)
