"""Assessment test data, made through the app's own services."""

import datetime

from django.utils import timezone

from alignment.models import Person
from relationships.assessment import queries, services
from relationships.models import Round
from tests.conftest import make_person


def people(key: str, count: int, prefix: str) -> list[Person]:
    return [
        make_person(key, username=f"{prefix}{i}", first_name=f"{prefix}{i}") for i in range(count)
    ]


def open_round(
    by: Person, invitees: list[Person], title: str = "Spring check", days: int = 14
) -> Round:
    return services.open_round(
        title=title,
        open_until=timezone.localdate() + datetime.timedelta(days=days),
        invitees=invitees,
        by=by,
    )


def ratings(round_: Round, rating: int | dict[str, int]) -> dict[int, int]:
    """Every statement rated `rating`, or per theme code when a dict is given."""
    statements = round_.questionnaire.statements.select_related("theme")
    if isinstance(rating, int):
        return {s.pk: rating for s in statements}
    return {s.pk: rating.get(s.theme.code, 3) for s in statements}


def answer(round_: Round, person: Person, rating: int | dict[str, int] = 3) -> None:
    services.submit_answers(round_id=round_.pk, person=person, ratings=ratings(round_, rating))


def answered_round(by: Person, first: Person, days: int = 14) -> Round:
    """An open round that `first` and two more marketers answered (rating 3): enough
    answers to close it."""
    others = people("marketer", 2, f"{first.user.username}-colleague")
    round_ = open_round(by, [first, *others], days=days)
    for person in [first, *others]:
        answer(round_, person, 3)
    return round_


def closed_round(
    by: Person, answers: dict[Person, int | dict[str, int]], title: str = "Check"
) -> Round:
    """A round answered by the given people (person → rating), then closed."""
    round_ = open_round(by, list(answers), title=title)
    for person, rating in answers.items():
        answer(round_, person, rating)
    return services.close_round(round_id=round_.pk, by=by)


def ended_round(by: Person, answers: dict[Person, int], title: str = "Ended") -> Round:
    """A round answered by the given people that ended by its last day (a month ago), as a
    round with fewer than three answers does: it cannot be closed by hand."""
    month_ago = timezone.now() - datetime.timedelta(days=30)
    round_ = services.open_round(
        title=title,
        open_until=timezone.localdate(month_ago) + datetime.timedelta(days=7),
        invitees=list(answers),
        by=by,
        now=month_ago,
    )
    for person, rating in answers.items():
        services.submit_answers(
            round_id=round_.pk, person=person, ratings=ratings(round_, rating), now=month_ago
        )
    return round_


def form_data(round_: Round, rating: int = 4) -> dict[str, int]:
    return {f"statement_{pk}": value for pk, value in ratings(round_, rating).items()}


def result(round_: Round, reader: Person | None = None) -> queries.RoundResult:
    """The result as someone who did not answer reads it (a manager of the other team)."""
    return queries.round_result(Round.objects.get(pk=round_.pk), reader=reader)
