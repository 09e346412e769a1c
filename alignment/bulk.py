"""Writing many rows at once: COPY on PostgreSQL, bulk inserts elsewhere."""

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models


def chunks[T](items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Bulk work makes hundreds of thousands of objects that all live until it ends, and
    Python's cycle collector scans them again and again while finding nothing to free: a
    fifth of an import's parsing (100,000 rows: 0.2-0.45 s). Cycles made meanwhile are
    freed after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def insert_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> None:
    """Insert rows (tuples in the order of `columns`, by attribute name). COPY is an order
    of magnitude faster than INSERTs for a million rows; SQLite gets bulk_create."""
    if connection.vendor != "postgresql":
        objects = (model(**dict(zip(columns, row, strict=True))) for row in rows)
        batch: list[models.Model] = []
        for instance in objects:
            batch.append(instance)
            if len(batch) == 2000:
                model.objects.bulk_create(batch)
                batch = []
        model.objects.bulk_create(batch)
        return
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def defer_gin_merges() -> None:
    """For the rest of the transaction, keep the new entries of GIN indexes (the trigram
    index for search) in each index's pending list, instead of merging the list into the
    index every 4 MB (PostgreSQL's default) during a bulk write: a 100,000-row import's
    COPY 2.8 → 2.3 s. Merge once after the commit with merge_gin_pending(); until then a
    search reads the pending list too, so it stays right."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL gin_pending_list_limit = '256MB'")


def merge_gin_pending(index: str) -> None:
    """Merge a GIN index's pending list into the index (0.6 s after a 100,000-row import),
    so that neither searches nor the next ordinary insert pay for it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def analyze(*models: type[models.Model]) -> None:
    """After a bulk load, let PostgreSQL's planner see the new data at once instead of
    after autovacuum's next round: cheap (a sample) and allowed inside a transaction.
    Plans must not depend on it (tests/test_query_plans.py), but they get better."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {model._meta.db_table}")


# Fewer rows written than this leave the tables to autovacuum's rounds.
BULK_WRITE = 10_000


def tidy_after_bulk_write(written: int, *models: type[models.Model]) -> None:
    """After a bulk write of at least BULK_WRITE rows (an import, a rescoring), vacuum and
    analyse the tables on PostgreSQL: index scans then skip the dead versions, index-only
    scans need not read the new or rewritten rows' table pages (the lead list's walks, the
    queue's counts), and the planner sees the new data. Autovacuum would come later, or
    never for a write under a fifth of the table. VACUUM runs outside a transaction only;
    inside one (a test's) this analyses."""
    if written < BULK_WRITE:
        return
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        analyze(*models)
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
