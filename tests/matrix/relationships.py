"""The assessment and action items in the permission matrix.

Managers of marketing or sales run rounds and read results; invitees answer; everyone
signed in sees the assessment index and the action items; only an item's owner (or a
manager of the owner's team) marks it done.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from relationships.assessment import services
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
]
