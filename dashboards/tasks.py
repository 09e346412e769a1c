"""Celery tasks of the dashboards: thin wrappers around the snapshot and meeting
services."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from dashboards.meeting import mail
from dashboards.meeting import services as meeting_services
from dashboards.snapshots import services


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=30,
    max_retries=5,
    soft_time_limit=20 * 60,
    time_limit=25 * 60,
)
def compute_snapshots(self, run_id: int) -> int:
    """Compute a queued run. A run of the same day in progress elsewhere makes this one
    wait its turn; a database hiccup retries with backoff; a late acknowledgement means a
    worker that dies midway leaves the run to another worker."""
    try:
        return services.run_now(run_id).rows
    except services.Busy as busy:
        wait = settings.DASHBOARD_BUSY_RETRY_SECONDS
        raise self.retry(exc=busy, countdown=wait, max_retries=60) from None


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def nightly_snapshots() -> int:
    """Every night at 02:00 (CELERY_BEAT_SCHEDULE): the day that just ended."""
    return services.nightly().rows


@shared_task
def plan_weekly_meeting() -> int:
    """Every Monday at 07:00 (CELERY_BEAT_SCHEDULE): this week's meeting, if not planned."""
    return meeting_services.plan_meeting(week=timezone.localdate(), by=None).pk


@shared_task
def send_meeting_invitations(meeting_id: int) -> int:
    return mail.send_invitations(meeting_id)


@shared_task
def send_meeting_cancellations(meeting_id: int, person_ids: list[int]) -> int:
    return mail.send_cancellations(meeting_id, person_ids)


@shared_task
def send_meeting_minutes(meeting_id: int) -> int:
    return mail.send_minutes(meeting_id)
