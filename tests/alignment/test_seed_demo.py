from django.contrib.auth import authenticate
from django.core.management import call_command

from alignment.demo import DEMO_PASSWORD
from alignment.models import Person, Role


def _snapshot() -> list[tuple]:
    return list(
        Person.objects.order_by("user__username").values_list(
            "user__username", "role", "team__code", "phone"
        )
    )


def test_seed_demo_is_idempotent_and_deterministic(db):
    call_command("seed_demo", "--seed", "7")
    first = _snapshot()
    call_command("seed_demo", "--seed", "7")
    assert _snapshot() == first
    assert len(first) >= 12


def test_seed_demo_has_a_login_for_every_role(db, rf):
    call_command("seed_demo")
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
    call_command("seed_demo")
    teams = set(Person.objects.values_list("team__code", flat=True))
    assert {"marketing", "sales", "service"} <= teams
