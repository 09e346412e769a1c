"""Computing and storing the snapshots: a run reads the facts of its days once, then
writes each day in a transaction of its own (a reader never sees half a day). Running a
day again gives the same rows: the day's rows are replaced, not added to."""

import logging
from collections import defaultdict
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.bulk import insert_rows
from alignment.models import Person
from dashboards import tasks
from dashboards.kpis.periods import KINDS, end_of, start_of
from dashboards.models import Snapshot, SnapshotRun
from dashboards.snapshots import compute, sources
from leads.models import Segment

logger = logging.getLogger(__name__)

COLUMNS = ["day", "period", "segment_id", "kpi", "dimension", "value", "numerator", "denominator"]
# How long a run may hold its days (the task's hard time limit is below it).
LOCK_SECONDS = 30 * 60


class Busy(Exception):
    """Another run is computing one of these days right now."""


def start_run(*, first: date, last: date, by: Person | None) -> SnapshotRun:
    """Queue a computation of [first, last], after the current transaction commits."""
    if by is not None:
        roles.require(roles.can_recompute_dashboard(by.user))
    run = SnapshotRun.objects.create(first_day=first, last_day=last, started_by=by)
    transaction.on_commit(lambda: tasks.compute_snapshots.delay(run.pk))
    return run


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _lock_keys(first: date, last: date) -> list[str]:
    return [f"dashboards:snapshot:{day}" for day in _days(first, last)]


def _acquire(run: SnapshotRun) -> list[str]:
    """Claim every day of the run, or none (Busy): two runs of a day never overlap."""
    taken = []
    for key in _lock_keys(run.first_day, run.last_day):
        if not cache.add(key, run.pk, timeout=LOCK_SECONDS):
            _release(taken)
            raise Busy
        taken.append(key)
    return taken


def _release(keys: list[str]) -> None:
    cache.delete_many(keys)


def run_now(run_id: int) -> SnapshotRun:
    """Compute a queued run (the Celery task's work). Raises Busy when another run holds
    one of its days; the task retries later."""
    run = SnapshotRun.objects.get(pk=run_id)
    if run.status == SnapshotRun.Status.DONE:
        return run
    keys = _acquire(run)
    try:
        _mark(run, SnapshotRun.Status.RUNNING)
        run.rows = compute_days(run.first_day, run.last_day, run=run)
        _mark(run, SnapshotRun.Status.DONE, finished=True)
    except Exception:
        logger.exception("Snapshot run %s failed", run.pk)
        message = _("The computation stopped with an error; the figures of before stay.")
        _mark(run, SnapshotRun.Status.FAILED, finished=True, message=message)
        raise
    finally:
        _release(keys)
    return run


def _mark(run: SnapshotRun, status: str, *, finished: bool = False, message: str = "") -> None:
    run.status, run.message = status, message
    if status == SnapshotRun.Status.RUNNING:
        run.started_at = timezone.now()
    run.finished_at = timezone.now() if finished else None
    run.save(update_fields=["status", "message", "started_at", "finished_at", "rows"])


def compute_days(first: date, last: date, *, run: SnapshotRun | None = None) -> int:
    """Compute and store [first, last]; return the number of rows written."""
    segments = list(Segment.objects.order_by("pk").values_list("pk", flat=True))
    # Windows reach back to the start of the year of the first day.
    facts = compute.collect(sources.Range(start_of("year", first), last), segments)
    days = _days(first, last)
    period_ends = {day for day in days if any(day == end_of(kind, day) for kind in KINDS)}
    by_day = defaultdict(list)
    for row in compute.rows_for(facts, days, campaign_days=period_ends | {last}):
        by_day[row.day].append(row)
    written = 0
    for day in days:
        _write_day(day, by_day[day])
        written += len(by_day[day])
        if run is not None:
            run.rows = written
            run.save(update_fields=["rows"])
    return written


@transaction.atomic
def _write_day(day: date, rows: list[compute.Row]) -> None:
    Snapshot.objects.filter(day=day).delete()
    insert_rows(Snapshot, COLUMNS, [
        (r.day, r.period, r.segment, r.kpi, r.dimension, r.value, r.numerator, r.denominator)
        for r in rows
    ])  # fmt: skip


def nightly(today: date | None = None) -> SnapshotRun:
    """The nightly run: the day that just ended (yesterday, in the office's time zone)."""
    day = (today or timezone.localdate()) - timedelta(days=1)
    run = SnapshotRun.objects.create(first_day=day, last_day=day)
    return run_now(run.pk)
