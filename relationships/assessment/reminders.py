"""Reminding the invitees of a round who have not answered yet: by a manager's button on
the round's page, and every morning for the rounds about to close
(relationships.tasks.remind_unanswered_assessments).

A person is reminded at most once a day (in TIME_ZONE), whoever asks and however many
open rounds they have not answered: the day's reminder is stored on their invitations
(Invitation.reminded_at) under a lock on the person, so a click and the morning run at
the same moment still remind them once.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.notifications import notify
from relationships.assessment import queries
from relationships.models import Invitation, Round

# The morning run reminds only for rounds whose last day is at most this many days away:
# a nudge before it closes, not a message every day for two weeks.
DAYS_BEFORE_CLOSE = 3


@dataclass(frozen=True)
class Reminded:
    people: int  # reminded now
    already: int  # not answered, but reminded today already


def remind_round(*, round_id: int, by: Person, now: datetime.datetime | None = None) -> Reminded:
    """A manager's button: remind this open round's invitees who have not answered."""
    now = now or timezone.now()
    if not roles.can_run_assessment(by.user):
        raise PermissionDenied
    round_ = Round.objects.get(pk=round_id)
    if not round_.is_open(timezone.localdate(now)):
        raise ValidationError(_("This round is closed: there is nobody left to remind."))
    return _remind(Round.objects.filter(pk=round_id), now=now)


def remind_closing_rounds(*, now: datetime.datetime | None = None) -> int:
    """Every morning: remind those who have not answered a round that closes within
    DAYS_BEFORE_CLOSE days. Running it twice the same day reminds nobody twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    closing = Round.objects.open(today).filter(
        open_until__lt=today + datetime.timedelta(days=DAYS_BEFORE_CLOSE)
    )
    return _remind(closing, now=now).people


@transaction.atomic
def _remind(rounds, *, now: datetime.datetime) -> Reminded:
    waiting = Invitation.objects.filter(
        round__in=rounds.values("pk"), answered_at__isnull=True, person__user__is_active=True
    )
    person_ids = set(waiting.values_list("person_id", flat=True))
    # Locked in id order (no deadlock between two runs); whatever another run committed
    # before we got the lock is read after it.
    list(Person.objects.filter(pk__in=person_ids).order_by("pk").select_for_update())
    today = queries.start_of_day(now)
    reminded_today = set(
        Invitation.objects.filter(person_id__in=person_ids, reminded_at__gte=today).values_list(
            "person_id", flat=True
        )
    )
    due = list(
        waiting.exclude(person_id__in=reminded_today)
        .select_related("round", "person__user")
        .order_by("round__open_until", "round_id", "pk")
    )
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in due]).update(reminded_at=now)
    # One reminder a person: for the round that closes first.
    first: dict[int, Invitation] = {}
    for invitation in due:
        first.setdefault(invitation.person_id, invitation)
    by_round: dict[int, list[Invitation]] = {}
    for invitation in first.values():
        by_round.setdefault(invitation.round_id, []).append(invitation)
    for invitations in by_round.values():
        round_ = invitations[0].round
        notify(
            recipients=[invitation.person for invitation in invitations],
            kind="assessment_reminder",
            params={"round": round_.title},
            url=reverse("relationships:assessment_answer", args=[round_.pk]),
        )
    return Reminded(people=len(first), already=len(person_ids & reminded_today))
