"""The snapshots through a real Celery worker on the real Redis: a run is queued, picked
up and written; two runs of the same day at once take turns and leave one set of rows."""

import random
import time
from datetime import UTC, date, datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from alignment.celery import app
from dashboards.models import Snapshot, SnapshotRun
from dashboards.snapshots import services
from tests.conftest import make_person
from tests.dashboards.snapshots import histories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="a real worker needs the Redis broker"),
    pytest.mark.xdist_group("celery-worker"),
]
DAY = date(2026, 12, 31)


@pytest.fixture
def worker(settings):
    settings.DASHBOARD_BUSY_RETRY_SECONDS = 1
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False,
                          shutdown_timeout=30):  # fmt: skip
            yield
    finally:
        app.conf.task_always_eager = True


def _wait_for(runs: list[SnapshotRun], seconds: float = 60) -> list[SnapshotRun]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fresh = [SnapshotRun.objects.get(pk=run.pk) for run in runs]
        if all(run.status in ("done", "failed") for run in fresh):
            return fresh
        time.sleep(0.3)
    raise AssertionError([run.status for run in fresh])


def test_two_runs_of_the_same_day_take_turns_through_a_real_worker(worker):
    marketer, seller = make_person("marketer"), make_person("salesperson")
    histories.make(random.Random(5), leads=40, by=marketer, seller=seller)
    first = services.start_run(first=DAY, last=DAY, by=None)
    second = services.start_run(first=DAY, last=DAY, by=None)
    # start_run queues after the commit; outside a test transaction that is at once.
    done = _wait_for([first, second])
    assert [run.status for run in done] == ["done", "done"]
    earlier, later = sorted(done, key=lambda run: run.started_at)
    assert later.started_at >= earlier.finished_at  # they never overlapped
    rows = Snapshot.objects.filter(day=DAY)
    assert rows.count() == done[0].rows == done[1].rows
    assert datetime.now(UTC) > later.finished_at
