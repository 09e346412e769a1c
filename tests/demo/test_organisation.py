"""The demo organisation: a login for every role, all three teams, made once."""

from django.contrib.auth import authenticate

from alignment.demo import DEMO_PASSWORD
from alignment.models import Person, Role
from tests.demo.conftest import seed_again


def _snapshot() -> list[tuple]:
    return list(
        Person.objects.order_by("user__username").values_list(
            "user__username", "role", "team__code", "phone"
        )
    )


def test_seed_demo_is_idempotent_and_deterministic(db):
    first = _snapshot()
    seed_again()
    assert _snapshot() == first
    assert len(first) >= 12


def test_seed_demo_has_a_login_for_every_role(db, rf):
    for username, role in [
        ("marketeer", Role.MARKETER),
        ("verkoper", Role.SALESPERSON),
        ("manager-marketing", Role.MANAGER),
        ("manager-sales", Role.MANAGER),
        ("admin", Role.ADMIN),
    ]:
        person = Person.objects.get(user__username=username)
        assert person.role == role
        assert authenticate(rf.post("/"), username=username, password=DEMO_PASSWORD)


def test_seed_demo_covers_all_three_teams(db):
    teams = set(Person.objects.values_list("team__code", flat=True))
    assert {"marketing", "sales", "service"} <= teams
