"""The proposals: the largest customers by won revenue over the last twelve months,
organisations that are no key account yet, kept each night; a manager makes one a key
account."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import Stage
from relationships.accounts import queries, services
from relationships.models import KeyAccount, Organisation
from tests.queries import assert_same_query_count
from tests.relationships.accounts.helpers import agreement, deal, key_account, organisation

TODAY = timezone.localdate()


@pytest.fixture
def won(manager, sales_manager, marketer, salesperson):
    """Make won (or open) deals: won("Acme", "a@acme.nl", "5000", days_ago=10)."""
    agreement(manager, sales_manager)

    def make(company, email, amount, days_ago=0, stage=Stage.WON):
        closed = TODAY - datetime.timedelta(days=days_ago)
        return deal(marketer=marketer, salesperson=salesperson, company=company, email=email,
                    amount=amount, closed=closed, stage=stage)  # fmt: skip

    return make


def _kept() -> list[tuple[str, Decimal, int]]:
    return [(p.organisation.name, p.revenue, p.deals) for p in queries.proposals()]


def _proposed() -> list[tuple[str, Decimal, int]]:
    """The proposals as the night's refresh leaves them."""
    services.refresh_proposals(TODAY)
    return _kept()


@pytest.mark.both_databases
def test_the_largest_customers_of_the_last_twelve_months_come_first(won):
    won("Acme BV", "a@acme.nl", "5000", days_ago=10)
    won("Acme", "b@acme.nl", "7000", days_ago=300)
    won("Acme", "c@gmail.com", "1000", days_ago=20)  # a private address: by name
    won("Acme", "d@acme.nl", "90000", days_ago=400)  # more than a year ago
    won("Brons", "e@brons.be", "12000", days_ago=1)
    won("Cobalt", "f@cobalt.nl", "50000", stage=Stage.OPPORTUNITY)  # not won
    services.recognise_organisations()
    # Named after its most common spelling.
    assert _proposed() == [("Acme", Decimal("13000"), 3), ("Brons", Decimal("12000"), 1)]


def test_key_accounts_and_leads_of_no_organisation_are_no_proposal(
    won, manager, salesperson, marketer
):
    won("Acme", "a@acme.nl", "5000")
    won("Brons", "e@brons.be", "4000")
    key_account(organisation("Acme"), by=manager, account_manager=salesperson, marketer=marketer)
    won("Cobalt", "f@cobalt.nl", "9000")  # not recognised yet: tonight
    assert _proposed() == [("Brons", Decimal("4000.00"), 1)]


def test_the_night_keeps_the_proposals_and_a_new_key_account_leaves_them_at_once(
    won, manager, salesperson, marketer
):
    from relationships import tasks

    won("Acme", "a@acme.nl", "5000")
    won("Brons", "e@brons.be", "4000")
    assert _kept() == []  # nothing kept before the first night
    tasks.recognise_organisations()  # the nightly task
    assert _kept() == [("Acme", Decimal("5000.00"), 1), ("Brons", Decimal("4000.00"), 1)]

    key_account(organisation("Acme"), by=manager, account_manager=salesperson, marketer=marketer)
    won("Brons", "f@brons.be", "3000")  # counted from the next night on
    assert _kept() == [("Brons", Decimal("4000.00"), 1)]
    tasks.recognise_organisations()  # the nightly task
    assert _kept() == [("Brons", Decimal("7000.00"), 2)]


def test_a_merge_proposes_the_merged_organisation_at_once(won, manager):
    won("Acme", "a@acme.nl", "5000")
    won("Acme Benelux", "b@acme-benelux.be", "4000")
    services.recognise_organisations()
    _proposed()
    services.merge_organisations(source_id=organisation("Acme Benelux").pk,
                                 target_id=organisation("Acme").pk, by=manager)  # fmt: skip
    assert _kept() == [("Acme", Decimal("9000.00"), 2)]


def test_at_most_ten_proposals(won):
    for n in range(12):
        won(f"Firm {n}", f"x@firm{n}.nl", str(1000 + n))
    services.recognise_organisations()
    proposed = _proposed()
    assert len(proposed) == 10
    assert proposed[0] == ("Firm 11", Decimal("1011.00"), 1)


def test_managers_see_the_proposals_and_make_one_a_key_account(
    login, won, manager, salesperson, marketer, service_agent
):
    won("Acme", "a@acme.nl", "5000")
    acme = organisation("Acme")
    _proposed()
    client = login(manager)
    listing = client.get(reverse("relationships:key_accounts")).content.decode()
    new = reverse("relationships:key_account_new", args=[acme.pk])
    assert new in listing
    response = client.post(
        new,
        {"account_manager": salesperson.pk, "marketer": marketer.pk,
         "service_contact": service_agent.pk, "goal": "250000", "aims": "Twice as much"},
    )  # fmt: skip
    account = KeyAccount.objects.get(organisation=acme)
    assert response.url == reverse("relationships:key_account", args=[account.pk])
    assert account.goals.get().amount == 250000
    assert account.team_ids == {salesperson.pk, marketer.pk, service_agent.pk}
    assert new not in client.get(reverse("relationships:key_accounts")).content.decode()


def test_others_see_the_key_accounts_but_no_proposals(login, won, salesperson):
    won("Acme", "a@acme.nl", "5000")
    services.recognise_organisations()
    listing = login(salesperson).get(reverse("relationships:key_accounts")).content.decode()
    assert "Acme" not in listing
    assert "No key accounts yet" in listing


def test_the_team_is_checked_and_a_refusal_changes_nothing(login, won, manager, marketer):
    won("Acme", "a@acme.nl", "5000")
    acme = organisation("Acme")
    response = login(manager).post(
        reverse("relationships:key_account_new", args=[acme.pk]),
        {"account_manager": marketer.pk, "marketer": marketer.pk, "goal": "-5"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"account_manager", "goal"}
    assert not KeyAccount.objects.exists()


def test_the_service_refuses_a_marketer_as_account_manager_and_a_second_key_account(
    won, manager, salesperson, marketer
):
    won("Acme", "a@acme.nl", "5000")
    acme = organisation("Acme")
    with pytest.raises(services.ValidationError, match="someone in sales"):
        key_account(acme, by=manager, account_manager=marketer, marketer=marketer)
    key_account(acme, by=manager, account_manager=salesperson, marketer=marketer)
    with pytest.raises(services.ValidationError, match="key account already"):
        key_account(acme, by=manager, account_manager=salesperson, marketer=marketer)
    assert KeyAccount.objects.count() == 1
    assert Organisation.objects.count() == 1


def test_the_list_runs_a_constant_number_of_queries(login, won, manager, salesperson, marketer):
    won("Acme", "a@acme.nl", "5000")
    won("Brons", "b@brons.nl", "4000")
    key_account(organisation("Acme"), by=manager, account_manager=salesperson, marketer=marketer)
    client = login(manager)

    def listing():
        assert client.get(reverse("relationships:key_accounts")).status_code == 200

    def grow():
        for n in range(3):
            won(f"Firm {n}", f"x@firm{n}.nl", "1000")
        services.recognise_organisations()
        for name in ("Brons", "Firm 0"):
            key_account(organisation(name), by=manager, account_manager=salesperson,
                        marketer=marketer)  # fmt: skip

    assert_same_query_count(listing, grow)
