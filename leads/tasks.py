"""Celery tasks: thin wrappers around the services (in-process when no broker is set)."""

from celery import shared_task

from leads import services


@shared_task
def rescore_leads(job_id: int) -> None:
    services.rescore_all(job_id=job_id)


@shared_task
def import_leads(import_id: int) -> None:
    services.run_import(import_id=import_id)


@shared_task
def scan_sla_breaches() -> int:
    """Every five minutes (CELERY_BEAT_SCHEDULE): flag and report missed deadlines."""
    from leads import lifecycle

    return lifecycle.scan_breaches()
