"""The assessment, action items and key accounts in the permission matrix.

Managers of marketing or sales run rounds and read results; invitees answer; everyone
signed in sees the assessment index and the action items; only an item's owner (or a
manager of the owner's team) marks it done.

Key accounts and organisations: everyone with a card reads them; managers make key
accounts and merge or split organisations; the account team (here the salesperson and the
marketer) and the managers edit an account's plan, activities and next steps.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from relationships.accounts import services as accounts
from relationships.assessment import services
from relationships.models import Organisation
from tests.leads.helpers import make_lead
from tests.matrix import ALL_SIGNED_IN, PERSONAS, Route

MANAGERS_ONLY = {p: 403 for p in PERSONAS if p != "anonymous"} | {
    "manager": 200,
    "sales_manager": 200,
}
# The marketer and the salesperson are invited; the service agent and the admin are not.
INVITEES = {p: 403 for p in PERSONAS if p != "anonymous"} | {
    "marketer": 200,
    "salesperson": 200,
    "manager": 200,
    "sales_manager": 200,
}


def _open_round(world):
    def make():
        people = world.people
        invitees = [people[k] for k in ("marketer", "salesperson", "manager", "sales_manager")]
        return services.open_round(
            title="Matrix round",
            open_until=timezone.localdate() + datetime.timedelta(days=7),
            invitees=invitees,
            by=people["manager"],
        )

    return world.once("open_round", make)


def _closed_round(world):
    """All four rate 2 → verkering; too few per team, but the overall is shown (to either
    manager: three answers besides their own)."""

    def make():
        round_ = _open_round(world)
        statements = round_.questionnaire.statements.values_list("pk", flat=True)
        for key in ("marketer", "salesperson", "manager", "sales_manager"):
            services.submit_answers(
                round_id=round_.pk,
                person=world.people[key],
                ratings=dict.fromkeys(statements, 2),
            )
        return services.close_round(round_id=round_.pk, by=world.people["manager"])

    return world.once("closed_round", make)


def _answers(world) -> dict:
    round_ = _open_round(world)
    return {
        f"statement_{pk}": 4 for pk in round_.questionnaire.statements.values_list("pk", flat=True)
    }


def _salesperson_item(world):
    return world.once(
        "item",
        lambda: services.create_action_item(
            title="Matrix item",
            owner=world.people["salesperson"],
            due_date=timezone.localdate() + datetime.timedelta(days=7),
            by=world.people["manager"],
        ),
    )


def _action_data(world) -> dict:
    due = timezone.localdate() + datetime.timedelta(days=7)
    return {"owner": world.people["marketer"].pk, "due_date": due.isoformat()}


def _new_round_data(world) -> dict:
    due = timezone.localdate() + datetime.timedelta(days=7)
    return {
        "title": "Another",
        "open_until": due.isoformat(),
        "invitees": [world.people["marketer"].pk],
    }


def _redirect_when_allowed(expect: dict) -> dict:
    return {p: (302 if status == 200 else status) for p, status in expect.items()}


ACCOUNT_TEAM = MANAGERS_ONLY | {"salesperson": 200, "marketer": 200}


def _organisation(world, name: str = "Acme") -> Organisation:
    def make():
        make_lead(company=name, email=f"info@{name.lower()}.nl")
        make_lead(company=name, email=f"sales@{name.lower()}.be")
        accounts.recognise_organisations()
        return Organisation.objects.get(name=name)

    return world.once(f"organisation-{name}", make)


def _account(world):
    people = world.people
    return world.once(
        "account",
        lambda: accounts.create_key_account(
            organisation_id=_organisation(world).pk,
            team=accounts.Team(people["salesperson"], people["marketer"]),
            by=people["manager"],
        ),
    )


def _activity(world):
    return world.once(
        "activity",
        lambda: accounts.save_activity(
            account_id=_account(world).pk,
            values={"date": timezone.localdate(), "kind": "visit", "title": "Visit"},
            by=world.people["marketer"],
        ),
    )


def _next_step(world):
    return world.once(
        "step",
        lambda: accounts.add_next_step(
            account_id=_account(world).pk,
            title="Call",
            owner=world.people["salesperson"],
            due_date=timezone.localdate(),
            by=world.people["salesperson"],
        ),
    )


def _plan_data(world) -> dict:
    people = world.people
    return {
        "goal": "1000",
        "aims": "More",
        "account_manager": people["salesperson"].pk,
        "marketer": people["marketer"].pk,
    }


def _activity_data(world) -> dict:
    return {"date": timezone.localdate().isoformat(), "kind": "event", "title": "Fair"}


def _step_data(world) -> dict:
    due = timezone.localdate() + datetime.timedelta(days=3)
    return {"title": "Call", "owner": world.people["marketer"].pk, "due_date": due.isoformat()}


def _account_url(name: str, *objects):
    def path(world):
        return reverse(f"relationships:{name}", args=[o(world).pk for o in objects])

    return path


def _merge_data(world) -> dict:
    return {"into": _organisation(world, "Brons").pk}


def _split_data(world) -> dict:
    key = _organisation(world).keys.get(value="acme.be")
    return {"key": key.pk, "name": "Acme België"}


def _new_account_data(world) -> dict:
    people = world.people
    return {"account_manager": people["salesperson"].pk, "marketer": people["marketer"].pk}


def _account_routes() -> list[Route]:
    team_redirects = _redirect_when_allowed(ACCOUNT_TEAM)
    return [
        Route("relationships:key_accounts", _account_url("key_accounts"), ALL_SIGNED_IN),
        Route("relationships:key_account", _account_url("key_account", _account), ALL_SIGNED_IN),
        Route("relationships:key_account_edit", _account_url("key_account_edit", _account),
              ACCOUNT_TEAM),
        Route("relationships:key_account_edit", _account_url("key_account_edit", _account),
              team_redirects, method="post", data=_plan_data),
        Route("relationships:key_account_activity_new",
              _account_url("key_account_activity_new", _account), ACCOUNT_TEAM),
        Route("relationships:key_account_activity_new",
              _account_url("key_account_activity_new", _account), team_redirects, method="post",
              data=_activity_data),
        Route("relationships:key_account_activity_edit",
              _account_url("key_account_activity_edit", _account, _activity), ACCOUNT_TEAM),
        Route("relationships:key_account_activity_edit",
              _account_url("key_account_activity_edit", _account, _activity), team_redirects,
              method="post", data=_activity_data),
        Route("relationships:key_account_activity_delete",
              _account_url("key_account_activity_delete", _account, _activity), ACCOUNT_TEAM),
        Route("relationships:key_account_activity_delete",
              _account_url("key_account_activity_delete", _account, _activity), team_redirects,
              method="post"),
        Route("relationships:key_account_step_new",
              _account_url("key_account_step_new", _account), ACCOUNT_TEAM),
        Route("relationships:key_account_step_new",
              _account_url("key_account_step_new", _account), team_redirects, method="post",
              data=_step_data),
        # The step's owner is the salesperson, who is on the team as well.
        Route("relationships:key_account_step_done",
              _account_url("key_account_step_done", _account, _next_step), team_redirects,
              method="post"),
        Route("relationships:organisations", _account_url("organisations"), ALL_SIGNED_IN),
        Route("relationships:organisation", _account_url("organisation", _organisation),
              ALL_SIGNED_IN),
        Route("relationships:organisation_merge",
              lambda w: reverse("relationships:organisation_merge", args=[_organisation(w).pk])
              + f"?into={_organisation(w, 'Brons').pk}", MANAGERS_ONLY),
        Route("relationships:organisation_merge",
              _account_url("organisation_merge", _organisation),
              _redirect_when_allowed(MANAGERS_ONLY), method="post", data=_merge_data),
        Route("relationships:organisation_split",
              _account_url("organisation_split", _organisation),
              _redirect_when_allowed(MANAGERS_ONLY), method="post", data=_split_data),
        Route("relationships:key_account_new", _account_url("key_account_new", _organisation),
              MANAGERS_ONLY),
        Route("relationships:key_account_new", _account_url("key_account_new", _organisation),
              _redirect_when_allowed(MANAGERS_ONLY), method="post", data=_new_account_data),
    ]  # fmt: skip


ROUTES = [
    Route("relationships:assessment", lambda w: reverse("relationships:assessment"), ALL_SIGNED_IN),
    Route(
        "relationships:assessment_round_new",
        lambda w: reverse("relationships:assessment_round_new"),
        MANAGERS_ONLY,
    ),
    Route(
        "relationships:assessment_round_new",
        lambda w: reverse("relationships:assessment_round_new"),
        _redirect_when_allowed(MANAGERS_ONLY),
        method="post",
        data=_new_round_data,
    ),
    Route(
        "relationships:assessment_round",
        lambda w: reverse("relationships:assessment_round", args=[_open_round(w).pk]),
        MANAGERS_ONLY,
    ),
    Route(
        "relationships:assessment_round",
        lambda w: reverse("relationships:assessment_round", args=[_closed_round(w).pk]),
        MANAGERS_ONLY,
    ),
    Route(
        "relationships:assessment_round_close",
        lambda w: reverse("relationships:assessment_round_close", args=[_open_round(w).pk]),
        MANAGERS_ONLY,
    ),
    Route(
        "relationships:assessment_round_close",
        lambda w: reverse("relationships:assessment_round_close", args=[_open_round(w).pk]),
        _redirect_when_allowed(MANAGERS_ONLY),
        method="post",
    ),
    Route(
        "relationships:assessment_answer",
        lambda w: reverse("relationships:assessment_answer", args=[_open_round(w).pk]),
        INVITEES,
    ),
    Route(
        "relationships:assessment_answer",
        lambda w: reverse("relationships:assessment_answer", args=[_open_round(w).pk]),
        _redirect_when_allowed(INVITEES),
        method="post",
        data=_answers,
    ),
    Route(
        "relationships:assessment_action",
        lambda w: reverse("relationships:assessment_action", args=[_closed_round(w).pk, "liaison"]),
        MANAGERS_ONLY,
    ),
    Route(
        "relationships:assessment_action",
        lambda w: reverse("relationships:assessment_action", args=[_closed_round(w).pk, "liaison"]),
        _redirect_when_allowed(MANAGERS_ONLY),
        method="post",
        data=_action_data,
    ),
    Route(
        "relationships:action_items", lambda w: reverse("relationships:action_items"), ALL_SIGNED_IN
    ),
    Route(
        "relationships:action_item_done",
        lambda w: reverse("relationships:action_item_done", args=[_salesperson_item(w).pk]),
        {p: 403 for p in PERSONAS if p != "anonymous"} | {"salesperson": 302, "sales_manager": 302},
        method="post",
    ),
    *_account_routes(),
]
