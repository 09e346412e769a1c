"""The assessment, action items, field notes and product updates in the permission matrix.

Managers of marketing or sales run rounds and read results; invitees answer; everyone
signed in sees the assessment index, the action items, the field notes and the product
updates. An item is changed (and marked done) by its owner, its creator or a manager of
marketing or sales. Sales and service post field notes, marketing and the managers
acknowledge them, and they and the note's author reply. Marketing and the managers
publish product updates; the author or a marketing manager edits one.

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
from relationships.notes import services as notes
from relationships.updates import services as updates
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


def _only(allowed: dict[str, int]) -> dict[str, int]:
    """403 for every signed-in persona but the ones given."""
    return {p: 403 for p in PERSONAS if p != "anonymous"} | allowed


NOTE_POSTERS = _only({"salesperson": 200, "sales_manager": 200, "service": 200})
NOTE_ANSWERERS = _only({"marketer": 302, "manager": 302, "sales_manager": 302})
PUBLISHERS = _only({"marketer": 200, "manager": 200, "sales_manager": 200})
# The update is the marketer's; the marketing manager edits any.
UPDATE_EDITORS = _only({"marketer": 200, "manager": 200})
# The item is the salesperson's, made by the marketing manager.
ITEM_EDITORS = _only({"salesperson": 200, "manager": 200, "sales_manager": 200})
# Anyone in marketing or sales writes an item down by hand.
ITEM_MAKERS = _only({"marketer": 200, "salesperson": 200, "manager": 200, "sales_manager": 200})


def _new_item_data(world) -> dict:
    due = timezone.localdate() + datetime.timedelta(days=7)
    return {"title": "Call back", "owner": world.people["marketer"].pk, "due_date": due.isoformat()}


def _salesperson_note(world):
    return world.once(
        "note",
        lambda: notes.post_field_note(
            author=world.people["salesperson"], kind="objection", text="Too expensive"
        ),
    )


def _marketer_update(world):
    return world.once(
        "update",
        lambda: updates.publish_update(
            by=world.people["marketer"],
            title="New price list",
            body="From next month.",
            effective_date=timezone.localdate(),
        ),
    )


def _update_data(world) -> dict:
    return {"title": "Matrix news", "body": "Text", "effective_date": "2030-01-01"}


def _item_data(world) -> dict:
    item = _salesperson_item(world)
    return {
        "title": "Edited",
        "owner": item.owner.pk,
        "due_date": item.due_date.isoformat(),
        "status": "open",
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
        "relationships:assessment_round_remind",
        lambda w: reverse("relationships:assessment_round_remind", args=[_open_round(w).pk]),
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
        "relationships:my_action_items",
        lambda w: reverse("relationships:my_action_items"),
        ALL_SIGNED_IN,
    ),
    Route(
        "relationships:action_item_edit",
        lambda w: reverse("relationships:action_item_edit", args=[_salesperson_item(w).pk]),
        ITEM_EDITORS,
    ),
    Route(
        "relationships:action_item_edit",
        lambda w: reverse("relationships:action_item_edit", args=[_salesperson_item(w).pk]),
        _redirect_when_allowed(ITEM_EDITORS),
        method="post",
        data=_item_data,
    ),
    Route(
        "relationships:action_item_new",
        lambda w: reverse("relationships:action_item_new"),
        ITEM_MAKERS,
    ),
    Route(
        "relationships:action_item_new",
        lambda w: reverse("relationships:action_item_new"),
        _redirect_when_allowed(ITEM_MAKERS),
        method="post",
        data=_new_item_data,
    ),
    Route(
        "relationships:action_item",
        lambda w: reverse("relationships:action_item", args=[_salesperson_item(w).pk]),
        ALL_SIGNED_IN,
    ),
    Route(
        "relationships:action_item_reassign",
        lambda w: reverse("relationships:action_item_reassign", args=[_salesperson_item(w).pk]),
        _redirect_when_allowed(ITEM_EDITORS),
        method="post",
        data=lambda w: {"owner": w.people["salesperson"].pk},
    ),
    Route(
        "relationships:action_item_comment",
        lambda w: reverse("relationships:action_item_comment", args=[_salesperson_item(w).pk]),
        _redirect_when_allowed(ALL_SIGNED_IN),
        method="post",
        data=lambda w: {"text": "On it"},
    ),
    Route(
        "relationships:action_item_done",
        lambda w: reverse("relationships:action_item_done", args=[_salesperson_item(w).pk]),
        _redirect_when_allowed(ITEM_EDITORS),
        method="post",
    ),
    # Field notes
    Route("relationships:note_feed", lambda w: reverse("relationships:note_feed"), ALL_SIGNED_IN),
    Route(
        "relationships:note_detail",
        lambda w: reverse("relationships:note_detail", args=[_salesperson_note(w).pk]),
        ALL_SIGNED_IN,
    ),
    Route(
        "relationships:note_create", lambda w: reverse("relationships:note_create"), NOTE_POSTERS
    ),
    Route(
        "relationships:note_create",
        lambda w: reverse("relationships:note_create"),
        _redirect_when_allowed(NOTE_POSTERS),
        method="post",
        data=lambda w: {"kind": "competitor", "text": "PlanPro is cheaper"},
    ),
    Route(
        "relationships:note_acknowledge",
        lambda w: reverse("relationships:note_acknowledge", args=[_salesperson_note(w).pk]),
        NOTE_ANSWERERS,
        method="post",
    ),
    Route(
        "relationships:note_reply",
        lambda w: reverse("relationships:note_reply", args=[_salesperson_note(w).pk]),
        NOTE_ANSWERERS | {"salesperson": 302},  # the author answers in the thread
        method="post",
        data=lambda w: {"text": "Thanks"},
    ),
    # Product updates
    Route(
        "relationships:update_list", lambda w: reverse("relationships:update_list"), ALL_SIGNED_IN
    ),
    Route(
        "relationships:update_detail",
        lambda w: reverse("relationships:update_detail", args=[_marketer_update(w).pk]),
        ALL_SIGNED_IN,
    ),
    Route(
        "relationships:update_create", lambda w: reverse("relationships:update_create"), PUBLISHERS
    ),
    Route(
        "relationships:update_create",
        lambda w: reverse("relationships:update_create"),
        _redirect_when_allowed(PUBLISHERS),
        method="post",
        data=_update_data,
    ),
    Route(
        "relationships:update_edit",
        lambda w: reverse("relationships:update_edit", args=[_marketer_update(w).pk]),
        UPDATE_EDITORS,
    ),
    Route(
        "relationships:update_edit",
        lambda w: reverse("relationships:update_edit", args=[_marketer_update(w).pk]),
        _redirect_when_allowed(UPDATE_EDITORS),
        method="post",
        data=_update_data,
    ),
]


# Job rotation: everyone reads; anyone in a team proposes (their own); a manager of a team
# involved decides; only the person writes learnings.
def _rotation(world):
    from relationships.rotation import services as rotations

    def make():
        start = timezone.localdate() - datetime.timedelta(days=2)
        return rotations.propose(
            person=world.people["marketer"], host_team="sales", starts_on=start,
            ends_on=start + datetime.timedelta(days=10), buddy=None, goals="Learn",
            by=world.people["marketer"],
        )  # fmt: skip

    return world.once("rotation", make)


IN_A_TEAM = ALL_SIGNED_IN | {"admin": 403}
ROUTES += [
    Route(
        "relationships:rotations", lambda w: reverse("relationships:rotations"), ALL_SIGNED_IN
    ),  # fmt: skip
    Route(
        "relationships:rotation_new", lambda w: reverse("relationships:rotation_new"), IN_A_TEAM
    ),  # fmt: skip
    Route(
        "relationships:rotation",
        lambda w: reverse("relationships:rotation", args=[_rotation(w).pk]),
        ALL_SIGNED_IN,
    ),
    Route(
        "relationships:rotation_decide",
        lambda w: reverse("relationships:rotation_decide", args=[_rotation(w).pk]),
        {p: 403 for p in PERSONAS if p != "anonymous"}
        | {"manager": 302, "sales_manager": 302, "admin": 302},
        method="post",
        data=lambda w: {"approve": "1"},
    ),
    Route(
        "relationships:rotation_learnings",
        lambda w: reverse("relationships:rotation_learnings", args=[_rotation(w).pk]),
        {p: 403 for p in PERSONAS if p != "anonymous"} | {"marketer": 302},
        method="post",
        data=lambda w: {"learnings": "Fast calls."},
    ),
    *_account_routes(),
]
