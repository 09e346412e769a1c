"""Scoring leads in bulk: the work behind a rescore after a profile change, and the lock
that makes scorings (rescores, imports) take turns. Run by leads.tasks.rescore_leads."""

from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from alignment.bulk import tidy_after_bulk_write
from leads.jobs import progress
from leads.models import BackgroundJob, Lead, LeadFit, SlaClock
from leads.profiles import scoring, scoring_sql
from leads.profiles.queries import active_profiles, facts_of

RESCORE_BATCH = 100_000
# The key of the PostgreSQL advisory lock that makes scorings (rescores, imports) take
# turns; any fixed number that no other lock of the application uses.
SCORING_LOCK = 0x616C6E01


def fit_of(lead: Lead, profiles: list[scoring.Profile]) -> LeadFit:
    """The lead's (unsaved) fit row, from the reference scoring function."""
    fit = scoring.best_fit(profiles, facts_of(lead))
    return LeadFit(
        lead=lead, score=fit.score if fit else 0, segment_id=fit.segment_id if fit else None
    )


def save_fits(fits: list[LeadFit]) -> None:
    LeadFit.objects.bulk_create(
        fits, update_conflicts=True, unique_fields=["lead"], update_fields=["score", "segment"]
    )


def lock_scoring() -> None:
    """Wait for any other scoring and keep it waiting until the current transaction ends.

    Taken before the profiles are read: a run that waited then reads the profiles as they
    are now, so a run with older profiles can never write after one with newer ones. (On
    SQLite, which has one writer at a time, there is nothing to take.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCORING_LOCK])


def rescore_all(*, job_id: int | None = None, batch: int = RESCORE_BATCH) -> int:
    """Rescore every lead against the active segments, one UPDATE per id range.

    Each range commits on its own, so progress is visible and locks stay short; a failure
    leaves some leads on the old profile, and running it again finishes the work. Each
    range takes the scoring lock and then reads the profiles, so a range scored after a
    profile change always uses the changed profile, whichever run scores it. The last range
    has no end: a lead made meanwhile, scored on the profiles from before the change (its
    form or import held the lock while this run waited), is scored again too.
    """
    job = BackgroundJob.objects.get(pk=job_id) if job_id else None
    bounds = Lead.objects.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"] or 0, bounds["high"] or 0
    if job:
        progress.start(job, total=high - low + 1)
    changed = 0
    try:
        for first in range(low, high + 1, batch):
            last = first + batch - 1
            with transaction.atomic():
                lock_scoring()
                changed += scoring_sql.rescore_range(
                    active_profiles(), first_id=first, last_id=None if last >= high else last
                )
            if job:
                progress.report(job, min(first + batch, high + 1) - low)
    except Exception:
        if job:
            message = _("The rescoring stopped with an error; start it again to finish it.")
            progress.finish(job, status=BackgroundJob.Status.FAILED, done=0, message=message)
        raise
    # The fits' trigger rewrites the running clocks of every lead whose fit changed
    # (migration 0025), so the clocks are as much a bulk write as the fits: left to
    # autovacuum, they held 187,342 dead versions after four rescorings of a million
    # leads, and the queue's count read 59,782 clock rows for 23,638 entries (46 ms; 22
    # after a vacuum).
    tidy_after_bulk_write(changed, LeadFit, SlaClock)
    if job:
        progress.finish(job, status=BackgroundJob.Status.DONE, done=job.total)
    return changed
