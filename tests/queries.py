"""Query counting for the "constant number of queries whatever the data size" tests."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def captured_sql(action: Callable[[], object]) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        action()
    return [query["sql"] for query in context.captured_queries]


def assert_same_query_count(action: Callable[[], object], grow: Callable[[], object]) -> None:
    """Run `action`, grow the data, run it again: the number of queries must not change."""
    before = captured_sql(action)
    grow()
    after = captured_sql(action)
    assert len(before) == len(after), "query count changed:\n" + "\n".join(after)
