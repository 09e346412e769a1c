"""Writes for the assessment and action items. Every state change goes through here.

Each function checks the rules itself (raising PermissionDenied or ValidationError with a
message for the user), so views, the demo generator and tests share one set of rules.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person, TeamCode
from relationships.actions.services import create_action_item
from relationships.assessment import queries, questionnaire_v1
from relationships.assessment.playbook import STEP_BY_KEY, steps_for
from relationships.assessment.stages import HIGHEST_RATING, LOWEST_RATING, MIN_RESPONDENTS
from relationships.models import (
    ActionItem,
    ActionSource,
    Answer,
    Invitation,
    Questionnaire,
    Round,
    Statement,
    Theme,
)

ANSWERING_TEAMS = (TeamCode.MARKETING, TeamCode.SALES)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


@transaction.atomic
def open_round(
    *,
    title: str,
    open_until: datetime.date,
    invitees: Iterable[Person],
    by: Person,
    now: datetime.datetime | None = None,
) -> Round:
    """Open a round on the newest published questionnaire and invite the people given."""
    now = _now(now)
    if not roles.can_run_assessment(by.user):
        raise PermissionDenied
    if open_until < timezone.localdate(now):
        raise ValidationError({"open_until": _("The last day to answer cannot be in the past.")})
    invitees = list(invitees)
    _check_invitees(invitees)
    questionnaire = queries.current_questionnaire()
    if questionnaire is None:
        raise ValidationError(_("There is no published questionnaire. Ask an administrator."))
    round_ = Round(
        title=title.strip(),
        questionnaire=questionnaire,
        open_until=open_until,
        opened_by=by,
        opened_at=now,
    )
    round_.full_clean()
    round_.save()
    Invitation.objects.bulk_create(
        Invitation(round=round_, person=person, team_id=person.team_id) for person in invitees
    )
    return round_


def _check_invitees(invitees: list[Person]) -> None:
    if not invitees:
        raise ValidationError({"invitees": _("Invite at least one person.")})
    outside = [p for p in invitees if p.team is None or p.team.code not in ANSWERING_TEAMS]
    if outside:
        raise ValidationError(
            {"invitees": _("Only people from marketing and sales answer the assessment.")}
        )


@transaction.atomic
def submit_answers(
    *,
    round_id: int,
    person: Person,
    ratings: dict[int, int],
    now: datetime.datetime | None = None,
) -> Invitation:
    """Save (or replace) a person's answers: every statement of the round, rated 1–5."""
    now = _now(now)
    # Locking the round makes answering and closing take turns: no answer slips in
    # after the close.
    round_ = Round.objects.select_for_update().get(pk=round_id)
    invitation = Invitation.objects.filter(round=round_, person=person).first()
    if invitation is None:
        raise PermissionDenied
    if not round_.is_open(timezone.localdate(now)):
        raise ValidationError(_("This round is closed: answers can no longer be changed."))
    statement_ids = set(round_.questionnaire.statements.values_list("pk", flat=True))
    _check_ratings(ratings, statement_ids)
    Answer.objects.bulk_create(
        [
            Answer(invitation=invitation, statement_id=statement_id, rating=rating)
            for statement_id, rating in ratings.items()
        ],
        update_conflicts=True,
        unique_fields=["invitation", "statement"],
        update_fields=["rating"],
    )
    invitation.answered_at = invitation.answered_at or now
    invitation.changed_at = now
    invitation.save(update_fields=["answered_at", "changed_at"])
    return invitation


def _check_ratings(ratings: dict[int, int], statement_ids: set[int]) -> None:
    if set(ratings) - statement_ids:
        raise ValidationError(_("Some answers are for statements that are not in this round."))
    if statement_ids - set(ratings):
        raise ValidationError(_("Rate every statement before you send your answers."))
    if any(not LOWEST_RATING <= rating <= HIGHEST_RATING for rating in ratings.values()):
        raise ValidationError(_("Every rating is a whole number from 1 to 5."))


@transaction.atomic
def close_round(*, round_id: int, by: Person, now: datetime.datetime | None = None) -> Round:
    now = _now(now)
    if not roles.can_run_assessment(by.user):
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.closed_at is not None:
        raise ValidationError(_("This round is already closed."))
    if round_.open_until < timezone.localdate(now):
        # Closing it now would move the day answering stopped to today.
        raise ValidationError(_("This round is already closed: its last day to answer has passed."))
    if round_.invitations.filter(answered_at__isnull=False).count() < MIN_RESPONDENTS:
        # A round of one or two would show nothing, and only tempts to guess who said what.
        raise ValidationError(
            _(
                "At least %(count)d people must answer before the round can be closed. "
                "Otherwise it closes by itself after its last day."
            )
            % {"count": MIN_RESPONDENTS}
        )
    round_.closed_at = now
    round_.closed_by = by
    round_.save(update_fields=["closed_at", "closed_by"])
    return round_


def create_action_from_step(
    *,
    round_id: int,
    step_key: str,
    owner: Person,
    due_date: datetime.date,
    by: Person,
    today: datetime.date | None = None,
) -> ActionItem:
    """Turn a recommendation of a closed round's playbook into an action item."""
    if not roles.can_run_assessment(by.user):
        raise PermissionDenied
    round_ = Round.objects.get(pk=round_id)
    result = queries.round_result(round_, reader=by, today=today)
    step = STEP_BY_KEY.get(step_key)
    if result.stage is None or step is None or step not in steps_for(result.stage.code):
        raise ValidationError(_("This recommendation does not belong to this round's result."))
    return create_action_item(
        title=str(step.title),
        description=str(step.text),
        owner=owner,
        due_date=due_date,
        by=by,
        source=ActionSource.PLAYBOOK,
        source_round=round_,
        playbook_step=step.key,
        today=today,
    )


@transaction.atomic
def ensure_questionnaire() -> Questionnaire | None:
    """The published questionnaire, loading version 1 when there is none at all. With only
    unpublished versions there is none (None) until an administrator publishes one."""
    current = queries.current_questionnaire()
    if current is not None or Questionnaire.objects.exists():
        return current
    themes = {
        code: Theme.objects.update_or_create(
            code=code, defaults={"position": position, "name_nl": name_nl, "name_en": name_en}
        )[0]
        for position, (code, name_nl, name_en) in enumerate(questionnaire_v1.THEMES, start=1)
    }
    first = Questionnaire.objects.create(version=1, is_published=True, note=_("First version"))
    Statement.objects.bulk_create(
        Statement(
            questionnaire=first,
            theme=themes[theme],
            position=position,
            text_nl=text_nl,
            text_en=text_en,
        )
        for position, (theme, text_nl, text_en) in enumerate(questionnaire_v1.STATEMENTS, start=1)
    )
    return first


@transaction.atomic
def copy_questionnaire(*, questionnaire: Questionnaire) -> Questionnaire:
    """A new, unpublished version with the same statements, for an administrator to edit.
    The original stays as it is, so the answers given on it keep their meaning."""
    latest = Questionnaire.objects.select_for_update().order_by("-version").first()
    copy = Questionnaire.objects.create(
        version=latest.version + 1,
        is_published=False,
        note=_("Copy of version %(version)s") % {"version": questionnaire.version},
    )
    Statement.objects.bulk_create(
        Statement(
            questionnaire=copy,
            theme_id=statement.theme_id,
            position=statement.position,
            text_nl=statement.text_nl,
            text_en=statement.text_en,
        )
        for statement in questionnaire.statements.all()
    )
    return copy
