"""Celery tasks of the relationships app: thin wrappers around the work they run."""

from celery import shared_task
from django.utils import timezone

from relationships.accounts import services as accounts
from relationships.actions import services as actions
from relationships.assessment import reminders


@shared_task
def remind_due_action_items() -> int:
    """Every morning (CELERY_BEAT_SCHEDULE): tell owners what is due tomorrow."""
    return actions.remind_due_items()


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def recognise_organisations() -> int:
    """Every night (CELERY_BEAT_SCHEDULE): organisations for the leads' new company names
    and email domains, then the largest customers proposed as key accounts."""
    made = accounts.recognise_organisations()
    accounts.refresh_proposals(timezone.localdate())
    return made


@shared_task
def remind_unanswered_assessments() -> int:
    """Every morning (CELERY_BEAT_SCHEDULE): remind who has not answered a round that
    closes soon; nobody more than once a day."""
    return reminders.remind_closing_rounds()
