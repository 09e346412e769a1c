"""Celery tasks of the relationships app: thin wrappers around its services."""

from celery import shared_task

from relationships.accounts import services as accounts


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def recognise_organisations() -> int:
    """Every night (CELERY_BEAT_SCHEDULE): organisations for the leads' new company names
    and email domains."""
    return accounts.recognise_organisations()
