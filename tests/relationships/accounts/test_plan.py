"""Working a key account: the team (and managers) edit the plan, the activities and the
next steps; only managers change the team; everyone else is refused and nothing changes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from relationships.accounts import services
from relationships.models import AccountActivity, ActionItem, ActionSource, KeyAccount
from tests.conftest import make_person
from tests.relationships.accounts.helpers import key_account, lead, organisation

TODAY = timezone.localdate()


@pytest.fixture
def acme(db, manager, salesperson, marketer):
    lead("Acme", "a@acme.nl")
    return key_account(
        organisation("Acme"), by=manager, account_manager=salesperson, marketer=marketer
    )


@pytest.fixture
def outsider(db):
    return make_person("salesperson", username="outsider")


def _url(name: str, account: KeyAccount, *more) -> str:
    return reverse(f"relationships:{name}", args=[account.pk, *more])


def test_the_marketer_of_the_team_edits_the_plan_but_not_the_team(login, acme, marketer):
    client = login(marketer)
    page = client.get(_url("key_account_edit", acme))
    assert page.context["team"] is None
    response = client.post(
        _url("key_account_edit", acme),
        {"goal": "150000", "aims": "Three sites", "account_manager": marketer.pk},
    )
    assert response.status_code == 302
    acme.refresh_from_db()
    assert acme.aims == "Three sites" and acme.account_manager.role == "salesperson"
    assert acme.goals.get(year=TODAY.year).amount == Decimal("150000")


def test_an_empty_goal_removes_this_years_goal(login, acme, salesperson):
    login(salesperson).post(_url("key_account_edit", acme), {"goal": "", "aims": ""})
    assert not acme.goals.exists()


def test_a_manager_changes_the_team(login, acme, sales_manager, marketer, service_agent):
    other = make_person("salesperson", username="seller-two")
    response = login(sales_manager).post(
        _url("key_account_edit", acme),
        {"goal": "1", "aims": "", "account_manager": other.pk, "marketer": marketer.pk,
         "service_contact": service_agent.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert KeyAccount.objects.get(pk=acme.pk).team_ids == {other.pk, marketer.pk, service_agent.pk}


def test_a_wrong_team_member_is_refused_on_its_field(login, acme, sales_manager, salesperson):
    response = login(sales_manager).post(
        _url("key_account_edit", acme),
        {"goal": "1", "aims": "x", "account_manager": salesperson.pk,
         "marketer": salesperson.pk, "service_contact": salesperson.pk},
    )  # fmt: skip
    assert set(response.context["team"].errors) == {"marketer", "service_contact"}
    assert KeyAccount.objects.get(pk=acme.pk).aims == "Grow together"


def test_the_services_refuse_outsiders_and_change_nothing(acme, outsider, marketer):
    with pytest.raises(PermissionDenied):
        services.update_account(account_id=acme.pk, aims="x", goal=None, year=2026, by=outsider)
    with pytest.raises(PermissionDenied):
        services.update_account(
            account_id=acme.pk, aims="x", goal=None, year=2026, by=marketer,
            team=services.Team(outsider, marketer),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.save_activity(account_id=acme.pk, values={}, by=outsider)
    with pytest.raises(PermissionDenied):
        services.add_next_step(account_id=acme.pk, title="x", owner=outsider,
                               due_date=TODAY, by=outsider)  # fmt: skip
    acme.refresh_from_db()
    assert acme.aims == "Grow together" and acme.account_manager != outsider
    assert not AccountActivity.objects.exists() and not ActionItem.objects.exists()


def test_the_team_adds_edits_and_removes_an_activity(login, acme, salesperson, db):
    client = login(salesperson)
    data = {"date": TODAY.isoformat(), "kind": "visit", "title": "Site visit", "note": "Nice"}
    response = client.post(_url("key_account_activity_new", acme), data)
    assert response.status_code == 302
    activity = AccountActivity.objects.get()
    assert (activity.by, activity.title) == (salesperson, "Site visit")
    client.post(_url("key_account_activity_edit", acme, activity.pk), data | {"title": "Visit"})
    assert AccountActivity.objects.get().title == "Visit"
    confirm = client.get(_url("key_account_activity_delete", acme, activity.pk))
    assert "Visit" in confirm.content.decode() and AccountActivity.objects.exists()
    client.post(_url("key_account_activity_delete", acme, activity.pk))
    assert not AccountActivity.objects.exists()


def test_a_bad_activity_says_why_and_saves_nothing(login, acme, salesperson):
    response = login(salesperson).post(
        _url("key_account_activity_new", acme), {"date": "tomorrow", "kind": "x", "title": ""}
    )
    assert set(response.context["form"].errors) == {"date", "kind", "title"}
    assert not AccountActivity.objects.exists()


def test_another_accounts_activity_is_not_found(login, acme, manager, salesperson, marketer):
    lead("Brons", "b@brons.nl")
    brons = key_account(organisation("Brons"), by=manager, account_manager=salesperson,
                        marketer=marketer)  # fmt: skip
    activity = services.save_activity(
        account_id=brons.pk, by=marketer,
        values={"date": TODAY, "kind": "event", "title": "Fair", "campaign": None, "note": ""},
    )  # fmt: skip
    client = login(salesperson)
    assert client.get(_url("key_account_activity_edit", acme, activity.pk)).status_code == 404


def test_a_next_step_is_an_action_item_of_the_account(login, acme, marketer, salesperson):
    due = TODAY + datetime.timedelta(days=5)
    response = login(marketer).post(
        _url("key_account_step_new", acme),
        {"title": "Send the offer", "owner": salesperson.pk, "due_date": due.isoformat()},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.key_account, item.source, item.owner, item.created_by) == (
        acme, ActionSource.KEY_ACCOUNT, salesperson, marketer,
    )  # fmt: skip
    actions_page = login(marketer).get(reverse("relationships:action_items")).content.decode()
    assert _url("key_account", acme) in actions_page


def test_a_next_step_in_the_past_is_refused(login, acme, marketer):
    past = TODAY - datetime.timedelta(days=1)
    response = login(marketer).post(
        _url("key_account_step_new", acme),
        {"title": "Too late", "owner": marketer.pk, "due_date": past.isoformat()},
    )
    assert "due_date" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_the_team_marks_a_next_step_done_the_outsider_cannot(
    login, acme, marketer, salesperson, outsider
):
    item = services.add_next_step(account_id=acme.pk, title="Call", owner=salesperson,
                                  due_date=TODAY, by=salesperson)  # fmt: skip
    url = _url("key_account_step_done", acme, item.pk)
    assert login(outsider).post(url).status_code == 403
    assert ActionItem.objects.get().status == "open"
    response = login(marketer).post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert ActionItem.objects.get().status == "done"


def test_the_owner_outside_the_team_marks_their_step_done(login, acme, marketer, outsider):
    item = services.add_next_step(account_id=acme.pk, title="Call", owner=outsider,
                                  due_date=TODAY, by=marketer)  # fmt: skip
    response = login(outsider).post(_url("key_account_step_done", acme, item.pk))
    assert response.status_code == 302
    assert ActionItem.objects.get().status == "done"
