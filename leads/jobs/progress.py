"""The progress of a background job (a rescoring, an import), for the page that polls it.

Progress goes to the cache: an import's own transaction hides its rows from other readers
until it commits, so the job row cannot carry it.
"""

from django.core.cache import cache
from django.utils import timezone

from leads.models import BackgroundJob

FINISHED = (BackgroundJob.Status.DONE, BackgroundJob.Status.FAILED)


def _key(job_id: int) -> str:
    return f"leads:job:{job_id}:done"


def start(job: BackgroundJob, *, total: int | None = None) -> None:
    job.status = BackgroundJob.Status.RUNNING
    fields = ["status"]
    if total is not None:
        job.total = total
        fields.append("total")
    job.save(update_fields=fields)


def report(job: BackgroundJob, done: int) -> None:
    cache.set(_key(job.pk), done, timeout=24 * 3600)


def done_count(job: BackgroundJob) -> int:
    if job.status in FINISHED:
        return job.done
    return cache.get(_key(job.pk), job.done)


def finish(job: BackgroundJob, *, status: str, done: int, message: str = "") -> None:
    job.status, job.done, job.message = status, done, message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "message", "finished_at"])
