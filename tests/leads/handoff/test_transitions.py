"""Every (from, to, actor) combination of the lifecycle: allowed ones pass, others refuse."""

import itertools

import pytest
from django.utils import translation

from leads.handoff.queries import actor_of
from leads.handoff.transitions import (
    LEAD_OWNER,
    MARKETING,
    RULES,
    SALES_MANAGER,
    Actor,
    TransitionRefused,
    allowed_targets,
    check,
)
from leads.models import Lead, Stage
from tests.conftest import make_person

ACTORS = {
    "marketer": Actor(frozenset({MARKETING})),
    "marketing manager": Actor(frozenset({MARKETING})),
    "owning salesperson": Actor(frozenset({LEAD_OWNER})),
    "other salesperson": Actor(frozenset()),
    "sales manager": Actor(frozenset({SALES_MANAGER})),
    "customer director": Actor(frozenset({MARKETING, SALES_MANAGER})),
    "service agent": Actor(frozenset()),
    "admin": Actor(frozenset()),
}
# Who each actor above is, as a person of the app: (persona, extra fields, owns the lead).
PEOPLE = {
    "marketer": ("marketer", {}, False),
    "marketing manager": ("manager", {}, False),
    "owning salesperson": ("salesperson", {}, True),
    "other salesperson": ("salesperson", {}, False),
    "sales manager": ("sales_manager", {}, False),
    "customer director": ("sales_manager", {"leads_all_teams": True}, False),
    "service agent": ("service", {}, False),
    "admin": ("admin", {}, False),
}

MARKETING_ACTORS = {"marketer", "marketing manager", "customer director"}
SALES_ACTORS = {"owning salesperson", "sales manager", "customer director"}

# The agreement, written out by hand: (from, to) → who may.
EXPECTED = {
    (Stage.NEW, Stage.MQL): MARKETING_ACTORS,
    (Stage.NEW, Stage.DISQUALIFIED): MARKETING_ACTORS,
    (Stage.MQL, Stage.SAL): SALES_ACTORS,
    (Stage.MQL, Stage.REJECTED): SALES_ACTORS,
    (Stage.SAL, Stage.SQL): SALES_ACTORS,
    (Stage.SAL, Stage.LOST): SALES_ACTORS,
    (Stage.SQL, Stage.OPPORTUNITY): SALES_ACTORS,
    (Stage.SQL, Stage.LOST): SALES_ACTORS,
    (Stage.OPPORTUNITY, Stage.WON): SALES_ACTORS,
    (Stage.OPPORTUNITY, Stage.LOST): SALES_ACTORS,
    (Stage.REJECTED, Stage.RECYCLED): MARKETING_ACTORS,
    (Stage.REJECTED, Stage.DISQUALIFIED): MARKETING_ACTORS,
    (Stage.RECYCLED, Stage.MQL): MARKETING_ACTORS,
    (Stage.RECYCLED, Stage.DISQUALIFIED): MARKETING_ACTORS,
}


def _cases():
    for current, target in itertools.product(Stage, Stage):
        for name in ACTORS:
            allowed = name in EXPECTED.get((current, target), set())
            yield pytest.param(current, target, name, allowed, id=f"{current}-{target}-{name}")


@pytest.mark.parametrize(("current", "target", "actor", "allowed"), list(_cases()))
def test_every_transition_for_every_actor(current, target, actor, allowed):
    if allowed:
        check(current=current, target=target, actor=ACTORS[actor], reason="Reason given")
    else:
        with pytest.raises(TransitionRefused) as refused:
            check(current=current, target=target, actor=ACTORS[actor], reason="Reason given")
        assert str(refused.value)  # a message the user can read


def test_the_table_in_code_is_the_agreement_written_here():
    assert set(RULES) == set(EXPECTED)


@pytest.mark.parametrize("target", [Stage.REJECTED, Stage.LOST])
def test_rejecting_or_losing_needs_a_reason(target):
    current = Stage.MQL if target == Stage.REJECTED else Stage.OPPORTUNITY
    with translation.override("en"), pytest.raises(TransitionRefused, match="reason"):
        check(current=current, target=target, actor=ACTORS["owning salesperson"], reason="  ")


def test_buttons_offer_only_what_the_actor_may_do():
    assert allowed_targets(Stage.MQL, ACTORS["owning salesperson"]) == [Stage.SAL, Stage.REJECTED]
    assert allowed_targets(Stage.MQL, ACTORS["other salesperson"]) == []
    assert allowed_targets(Stage.MQL, ACTORS["marketer"]) == []
    assert set(allowed_targets(Stage.REJECTED, ACTORS["marketer"])) == {
        Stage.RECYCLED,
        Stage.DISQUALIFIED,
    }


@pytest.mark.parametrize("name", list(PEOPLE))
def test_each_person_acts_in_the_capacities_the_table_assumes(db, name):
    persona, fields, owns = PEOPLE[name]
    person = make_person(persona, **fields)
    lead = Lead(email="x@example.nl", owner=person if owns else None)
    assert actor_of(person.user, lead) == ACTORS[name]
