"""Shared set-up for the benchmarks: Django against DATABASE_URL (default: the local
alignment_bench database), migrated, with the demo organisation and N demo leads."""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alignment_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alignment.settings")
os.environ.setdefault("DEBUG", "false")
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
        parser.add_argument(f"--{name}", type=type(default), default=default)
    return parser.parse_args()


def ensure_leads(count: int) -> None:
    """Migrate, and top the demo data up to `count` leads (only the first run is slow)."""
    from leads import demo
    from leads.models import Lead

    call_command("migrate", verbosity=0)
    from alignment import demo as people

    people.seed(rng=random.Random("bench"))
    have = Lead.objects.count()
    if have < count:
        started = time.perf_counter()
        demo.seed(rng=random.Random(f"bench:{have}"), leads=count)
        print(f"seeded {count - have:,} leads in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE leads_lead")


def timed(label: str, action):
    """Run `action`, print how long it took (and its result if it is text); return it."""
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    note = f" ({result})" if isinstance(result, str) else ""
    print(f"{label}: {elapsed * 1000:,.0f} ms{note}", flush=True)
    return result
