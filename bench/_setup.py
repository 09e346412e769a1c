"""Shared set-up for the benchmarks: Django against DATABASE_URL (default: the local
alignment_bench database), migrated, with the demo organisation and N demo leads."""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alignment_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alignment.settings")
os.environ.setdefault("DEBUG", "false")
# Seeding a million leads is background work: the long statement timeout (alignment/db.py).
os.environ.setdefault("ALIGNMENT_BACKGROUND", "1")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def arguments(description: str, **extra) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--leads", type=int, default=1_000_000)
    for name, default in extra.items():
        option = "--" + name.replace("_", "-")
        parser.add_argument(option, dest=name, type=type(default), default=default)
    return parser.parse_args()


def ensure_leads(count: int) -> None:
    """Migrate, and top the demo data up to `count` leads (only the first run is slow)."""
    from leads import demo
    from leads.models import Lead

    call_command("migrate", verbosity=0)
    # DEBUG is off, as in production: pages need the hashed static files' manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    from alignment import demo as people

    people.seed(rng=random.Random("bench"))
    have = Lead.objects.count()
    if have < count:
        started = time.perf_counter()
        demo.seed(rng=random.Random(f"bench:{have}"), leads=count)
        print(f"seeded {count - have:,} leads in {time.perf_counter() - started:.1f} s")
    vacuum("leads_lead")


def as_web_requests() -> None:
    """From here on, measure as a web process does: its statement timeout, no JIT
    (alignment/db.py). The seeding above ran as background work."""
    from django.db import connection

    from alignment import db

    db._background = False
    connection.close()  # the next query connects anew, with the web settings


def timed(label: str, action):
    """Run `action`, print how long it took (and its result if it is text); return it."""
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    note = f" ({result})" if isinstance(result, str) else ""
    print(f"{label}: {elapsed * 1000:,.0f} ms{note}", flush=True)
    return result


def ensure_events(target: int) -> None:
    """Lifecycle histories for every lead past "new" (slow on the first run only), then
    reassignments of random leads over the last year until the event table holds `target`
    rows: the size the targets name, with the mix of kinds a real timeline has."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from alignment.bulk import insert_rows
    from alignment.models import Person, Role
    from leads.demo import lifecycle
    from leads.models import Lead, LeadEvent

    with transaction.atomic():
        lifecycle.seed(rng=random.Random("bench:lifecycle"))
    have = LeadEvent.objects.count()
    if have >= target:
        return
    started = time.perf_counter()
    rng = random.Random(f"bench:events:{have}")
    sellers = list(Person.objects.filter(role=Role.SALESPERSON).values_list("pk", flat=True))
    high = Lead.objects.order_by("-pk").values_list("pk", flat=True).first()
    now = timezone.now()
    rows = (
        (rng.randint(1, high), "reassign", None, now - timedelta(minutes=rng.randint(0, 525_600)),
         "", "", "", "", rng.choice(sellers), "", None, None)
        for _ in range(target - have)
    )  # fmt: skip
    with transaction.atomic():
        insert_rows(LeadEvent, lifecycle.EVENT_COLUMNS, rows)
    vacuum("leads_leadevent", "leads_slaclock")
    print(f"topped up to {target:,} events in {time.perf_counter() - started:.1f} s")


def vacuum(*tables: str) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {table}")


def median_ms(action, runs: int = 7) -> tuple[float, int]:
    """The median time of `action` after two warm-ups, and the queries it runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        action()
    return statistics.median(times), len(captured)


def page(client, url: str, params: dict | None = None, **headers):
    """A GET of `url` through Django's test client that must answer 200."""

    def get():
        response = client.get(url, params or {}, headers=headers)
        assert response.status_code == 200, (url, response.status_code)

    return get
