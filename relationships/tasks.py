"""Celery tasks of the relationships app: thin wrappers around the work they run."""

from celery import shared_task

from relationships.actions import services as actions


@shared_task
def remind_due_action_items() -> int:
    """Every morning (CELERY_BEAT_SCHEDULE): tell owners what is due tomorrow."""
    return actions.remind_due_items()
