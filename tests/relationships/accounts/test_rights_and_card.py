"""Who may do what with key accounts (alignment.roles), and the key accounts on a
person's who-is-who card."""

import pytest
from django.urls import reverse

from alignment import roles
from tests.conftest import make_person
from tests.queries import assert_same_query_count
from tests.relationships.accounts.helpers import key_account, lead, organisation


@pytest.fixture
def people(marketer, salesperson, manager, sales_manager, service_agent, admin_person):
    return {
        "marketer": marketer, "salesperson": salesperson, "manager": manager,
        "sales_manager": sales_manager, "service": service_agent, "admin": admin_person,
        "director": make_person("sales_manager", username="director", leads_all_teams=True),
    }  # fmt: skip


def test_everyone_with_a_card_reads_key_accounts(people, django_user_model):
    assert all(roles.can_view_key_accounts(p.user) for p in people.values())
    nobody = django_user_model.objects.create_user("nobody")
    assert not roles.can_view_key_accounts(nobody)


def test_managers_of_marketing_or_sales_manage_key_accounts(people):
    managing = {key for key, p in people.items() if roles.can_manage_key_accounts(p.user)}
    assert managing == {"manager", "sales_manager", "director"}


def test_the_account_team_and_the_managers_edit_an_account(people):
    team = {people["salesperson"].pk, people["service"].pk}
    editing = {key for key, p in people.items() if roles.can_edit_key_account(p.user, team)}
    assert editing == {"salesperson", "service", "manager", "sales_manager", "director"}


def test_a_next_step_is_done_by_its_owner_the_team_or_a_manager(people):
    owner = creator = people["marketer"]
    team = {people["salesperson"].pk}

    def allowed(account_team):
        return {
            key for key, p in people.items()
            if roles.can_edit_action(p.user, owner=owner, creator=creator,
                                     account_team=account_team)
        }  # fmt: skip

    assert allowed(team) == {"marketer", "salesperson", "manager", "sales_manager", "director"}
    # An action item of no account: its owner and creator, and the managers, as before.
    assert allowed(None) == {"marketer", "manager", "sales_manager", "director"}


def test_who_may_be_on_an_account_team(people):
    assert set(roles.account_managers()) == {
        people["salesperson"], people["sales_manager"], people["director"],
    }  # fmt: skip
    assert set(roles.account_marketers()) == {
        people["marketer"], people["manager"], people["director"],
    }  # fmt: skip
    assert set(roles.service_contacts()) == {people["service"]}


def test_the_card_shows_the_key_accounts_a_person_works_on(login, people):
    lead("Acme", "a@acme.nl")
    acme = key_account(organisation("Acme"), by=people["manager"],
                       account_manager=people["salesperson"], marketer=people["marketer"],
                       service_contact=people["service"])  # fmt: skip
    client = login(people["marketer"])
    url = reverse("relationships:key_account", args=[acme.pk])
    for key in ("salesperson", "marketer", "service"):
        card = client.get(reverse("alignment:person_detail", args=[people[key].pk]))
        assert url in card.content.decode()
    card = client.get(reverse("alignment:person_detail", args=[people["manager"].pk]))
    assert url not in card.content.decode()


def test_the_card_runs_a_constant_number_of_queries(login, people):
    client = login(people["marketer"])
    url = reverse("alignment:person_detail", args=[people["salesperson"].pk])

    def grow():
        for name in ("Acme", "Brons", "Cobalt"):
            lead(name, f"a@{name.lower()}.nl")
            key_account(
                organisation(name),
                by=people["manager"],
                account_manager=people["salesperson"],
                marketer=people["marketer"],
            )

    assert_same_query_count(lambda: client.get(url), grow)
