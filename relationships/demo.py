"""Demo data of the relationships app. The assessment: three yearly rounds showing the
way from vrijgezel to samenwonend, with marketing and sales seeing some themes
differently, an open round and two action items from its playbook. Then field notes with
replies, product updates, more action items, rotations and the key accounts (see each
feature's demo.py).
Deterministic for a seed; each part does nothing when its data exists already.
"""

import datetime
import random

from django.utils import timezone

from alignment.models import Person
from relationships.accounts import demo as accounts
from relationships.actions import demo as actions_demo
from relationships.assessment import queries, services
from relationships.models import Round
from relationships.notes import demo as notes_demo
from relationships.rotation import demo as rotation_demo
from relationships.updates import demo as updates_demo

# How the teams see each theme compared with the company average (points on the 1–5
# scale): marketing thinks it acts on feedback, sales thinks it follows up leads well.
MARKETING_BIAS = {"feedback": 0.9, "handoff": -0.8, "results": 0.5, "metrics": 0.3}
SALES_BIAS = {"feedback": -0.6, "handoff": 0.6, "results": -0.6, "accounts": 0.3}

# (years ago, title, the company's average rating that year)
PAST_ROUNDS = [
    (3, "Nulmeting samenwerking marketing en sales", 1.55),
    (2, "Relatiecheck na een jaar overdrachtsafspraken", 2.45),
    (1, "Jaarlijkse relatiecheck", 3.35),
]
OPEN_ROUND = "Relatiecheck dit jaar"
ANSWERING_NOW = ["manager-marketing", "lotte", "verkoper", "fatima", "noor"]


def seed(*, rng: random.Random) -> None:
    rotation_demo.seed()
    _assessment(rng)
    people = {p.user.username: p for p in Person.objects.select_related("user", "team")}
    notes_demo.seed(rng=random.Random(rng.random()), people=people)
    updates_demo.seed(rng=random.Random(rng.random()), people=people)
    actions_demo.seed(people=people)
    accounts.seed(rng=random.Random(f"{rng.random()}:accounts"))


def _assessment(rng: random.Random) -> None:
    if Round.objects.exists():
        return
    services.ensure_questionnaire()
    opener = Person.objects.filter(user__username="manager-marketing").first()
    people = list(queries.invitable_people())
    if opener is None or not people:
        return
    now = timezone.now()
    for years_ago, title, level in PAST_ROUNDS:
        opened = now - datetime.timedelta(days=365 * years_ago)
        round_ = _open(title, opened, people, opener)
        for person in people:
            _answer(round_, person, level, rng, opened + datetime.timedelta(days=2))
        services.close_round(
            round_id=round_.pk, by=opener, now=opened + datetime.timedelta(days=14)
        )
    _action_items(round_, opener)
    current = _open(OPEN_ROUND, now - datetime.timedelta(days=3), people, opener)
    for person in people:
        if person.user.username in ANSWERING_NOW:
            _answer(current, person, 3.5, rng, now - datetime.timedelta(days=1))


def _open(title: str, opened: datetime.datetime, people: list, opener: Person) -> Round:
    return services.open_round(
        title=title,
        open_until=timezone.localdate(opened) + datetime.timedelta(days=14),
        invitees=people,
        by=opener,
        now=opened,
    )


def _answer(round_: Round, person: Person, level: float, rng, when) -> None:
    bias = MARKETING_BIAS if person.team.code == "marketing" else SALES_BIAS
    ratings = {}
    for statement in round_.questionnaire.statements.select_related("theme"):
        wish = level + bias.get(statement.theme.code, 0) + rng.gauss(0, 0.6)
        ratings[statement.pk] = min(5, max(1, round(wish)))
    services.submit_answers(round_id=round_.pk, person=person, ratings=ratings, now=when)


def _action_items(round_: Round, opener: Person) -> None:
    owners = {p.user.username: p for p in Person.objects.select_related("user", "team")}
    today = timezone.localdate()
    for step, username, days in [
        ("customer-leader", "directeur", 45),
        ("buying-cycle", "lotte", 30),
    ]:
        if username in owners:
            services.create_action_from_step(
                round_id=round_.pk,
                step_key=step,
                owner=owners[username],
                due_date=today + datetime.timedelta(days=days),
                by=opener,
            )
