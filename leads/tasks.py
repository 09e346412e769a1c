"""Celery tasks: thin wrappers around the work they run (in-process when no broker is set)."""

from celery import shared_task

from leads.handoff import breaches
from leads.intake import importing
from leads.profiles import rescoring


@shared_task
def rescore_leads(job_id: int) -> None:
    rescoring.rescore_all(job_id=job_id)


@shared_task
def import_leads(import_id: int) -> None:
    importing.run_import(import_id=import_id)


@shared_task
def scan_sla_breaches() -> int:
    """Every five minutes (CELERY_BEAT_SCHEDULE): flag and report missed deadlines."""
    return breaches.scan_breaches()
