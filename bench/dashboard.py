"""The nightly snapshots and the dashboard page at N leads and E events.

uv run python bench/dashboard.py --leads 1000000 --events 5000000

Tops the demo up to N leads with their histories and the event table up to E rows (see
_setup.ensure_events), then measures, on PostgreSQL:
- a bare `SELECT to_stage, count(*) FROM leads_leadevent GROUP BY 1`, as a yardstick;
- one day's snapshot (compute_days for yesterday: every KPI, every period, overall and per
  segment), with the process's peak memory (maximum resident set size) after it;
- a 365-day backfill in one run;
- the dashboard page (a full request through Django's test client, signed in as the demo
  marketing manager; median of 7 after two warm-ups) and its query count.
Peak memory is the whole process (Django and the data of this script included), so it is
an upper bound of what a worker needs for the run.
"""

import resource
import statistics
import time
from datetime import timedelta

from _setup import arguments, as_web_requests, ensure_events, ensure_leads, vacuum

args = arguments(__doc__, events=5_000_000)
ensure_leads(args.leads)
ensure_events(args.events)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from dashboards.models import Snapshot, SnapshotRun  # noqa: E402
from dashboards.snapshots import services  # noqa: E402
from leads.models import Lead, LeadEvent  # noqa: E402


def seconds(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_count() -> float:
    with connection.cursor() as cursor:
        took, _rows = seconds(
            lambda: (
                cursor.execute(
                    f"SELECT to_stage, count(*) FROM {LeadEvent._meta.db_table} GROUP BY 1"
                ),
                cursor.fetchall(),
            )
        )
    return took


def page_ms(client: Client, params: dict) -> tuple[float, int]:
    url = reverse("dashboards:dashboard")
    for _ in range(2):
        client.get(url, params)
    times = []
    for _ in range(7):
        took, response = seconds(lambda: client.get(url, params))
        assert response.status_code == 200, response.status_code
        times.append(took * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return statistics.median(times), len(queries)


print(
    f"{Lead.objects.count():,} leads, {LeadEvent.objects.count():,} events, {connection.vendor}",
    flush=True,
)
yesterday = timezone.localdate() - timedelta(days=1)
bare_count()  # warm the cache, as the nightly run finds it
bare = bare_count()
day, rows = seconds(lambda: services.compute_days(yesterday, yesterday))
print(f"bare GROUP BY to_stage over the events: {bare:.2f} s", flush=True)
print(
    f"one day's snapshot ({rows:,} rows): {day:.2f} s = {day / bare:.1f}× the bare count; "
    f"peak memory {peak_mb():.0f} MB",
    flush=True,
)
backfill, rows = seconds(lambda: services.compute_days(yesterday - timedelta(days=364), yesterday))
print(f"365-day backfill ({rows:,} rows): {backfill:.1f} s; peak memory {peak_mb():.0f} MB")
SnapshotRun.objects.create(
    first_day=yesterday - timedelta(days=364),
    last_day=yesterday,
    status=SnapshotRun.Status.DONE,
    rows=rows,
    started_at=timezone.now(),
    finished_at=timezone.now(),
)
vacuum(Snapshot._meta.db_table)
as_web_requests()
client = Client()
client.force_login(get_user_model().objects.get(username="manager-marketing"))
segment = Snapshot.objects.exclude(segment=None).values_list("segment", flat=True).first()
for label, params in [
    ("dashboard, this quarter", {}),
    ("dashboard, this month, one segment", {"period": "month", "segment": segment}),
    ("dashboard, this week", {"period": "week"}),
    ("dashboard, a day in spring", {"period": "month", "day": yesterday - timedelta(days=200)}),
]:
    ms, queries = page_ms(client, params)
    print(f"{label}: {ms:.1f} ms ({queries} queries)", flush=True)
