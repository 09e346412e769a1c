"""Every page runs at most 12 SQL queries (issue #15): each GET route of the permission
matrix, read by the personas that may see it. tests/demo/test_query_budget.py does the
same for the main pages on the demo data, where every section of a page has rows.

Constant counts at two sizes are tested per page (assert_same_query_count); this file
holds the ceiling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_person
from tests.matrix import PERSONAS, World
from tests.test_permission_matrix import ROUTES

MAX_QUERIES = 12
# Who reads each page here: the sales people also count their unread product updates.
READERS = ["sales_manager", "salesperson", "marketer", "manager", "service", "admin"]


def _cases():
    for route in ROUTES:
        if route.method != "get":
            continue
        readers = [p for p in READERS if route.expect.get(p) == 200][:2]
        for persona in readers:
            yield pytest.param(route, persona, id=f"{route.name}-{persona}")


@pytest.fixture
def world(db) -> World:
    return World({key: make_person(key) for key in PERSONAS if key != "anonymous"})


@pytest.mark.parametrize(("route", "persona"), list(_cases()))
def test_a_page_runs_at_most_twelve_queries(client, world: World, route, persona):
    client.force_login(world.people[persona].user)
    path = route.path(world)
    data = route.data(world) if route.data else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, data, headers=route.headers)
    assert response.status_code == 200
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    count = len(queries.captured_queries)
    assert count <= MAX_QUERIES, f"GET {path}: {count} queries\n{sql}"
