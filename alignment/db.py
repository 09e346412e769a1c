"""Statement timeouts on PostgreSQL: one query with a bad plan never holds a core and a
connection for minutes. Web requests get a few seconds (STATEMENT_TIMEOUT_MS); the
Celery worker and beat, management commands and benchmarks (background work that may
legitimately take long) get BACKGROUND_STATEMENT_TIMEOUT_MS. SQLite has no such limit.

Web connections also run without PostgreSQL's JIT compiler: it starts on a query the
planner estimates as costly and spends 20 ms compiling for a page that reads a few
thousand rows (a key account's page: 87 → 65 ms at a million leads). Background work
keeps it, where a query runs long enough to earn it back."""

import os

from django.conf import settings
from django.db.backends.signals import connection_created

# manage.py marks its commands (not runserver) through the environment, before Django loads.
_background = os.environ.get("ALIGNMENT_BACKGROUND") == "1"


def run_as_background() -> None:
    """This process does background work: its connections get the longer limit."""
    global _background
    _background = True


def statement_timeout_ms() -> int:
    if _background:
        return settings.BACKGROUND_STATEMENT_TIMEOUT_MS
    return settings.STATEMENT_TIMEOUT_MS


def _limit(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(statement_timeout_ms())}")
        if not _background:
            cursor.execute("SET jit = off")


connection_created.connect(_limit, dispatch_uid="alignment.statement_timeout")
