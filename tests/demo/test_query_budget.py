"""At most 12 SQL queries a page on the demo data, where every section of a page has rows
to show: the main pages, read by the demo people who may see them (tests/
test_query_budget.py holds the budget and reads every page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alignment.models import Person
from tests.matrix import World
from tests.test_permission_matrix import ROUTES
from tests.test_query_budget import MAX_QUERIES, READERS

DEMO_LOGINS = {
    "marketer": "marketeer",
    "salesperson": "verkoper",
    "manager": "manager-marketing",
    "sales_manager": "manager-sales",
    "service": "kevin",
    "admin": "admin",
}

MAIN_PAGES = {
    "dashboards:home", "dashboards:dashboard", "dashboards:targets", "dashboards:budget",
    "dashboards:meeting_list", "dashboards:meeting", "dashboards:meeting_item_facts",
    "dashboards:meeting_minutes",
    "alignment:directory", "alignment:person_detail", "alignment:notification_list",
    "leads:lead_list", "leads:lead_detail", "leads:queue", "leads:handoff_list",
    "leads:rejected_list", "leads:segment_list", "leads:segment_edit", "leads:agreement",
    "leads:campaign_list", "leads:campaign_detail", "leads:campaigns_coming",
    "relationships:assessment", "relationships:assessment_round", "relationships:action_items",
    "relationships:my_action_items", "relationships:note_feed", "relationships:update_list",
    "relationships:rotations", "relationships:key_accounts", "relationships:key_account",
    "relationships:organisations", "relationships:organisation",
}  # fmt: skip


def test_the_main_pages_are_routes_of_the_matrix():
    assert {route.name for route in ROUTES} >= MAIN_PAGES


def _cases():
    for route in ROUTES:
        if route.method != "get" or route.name not in MAIN_PAGES:
            continue
        readers = [p for p in READERS if route.expect.get(p) == 200][:2]
        for persona in readers:
            yield pytest.param(route, persona, id=f"{route.name}-{persona}")


@pytest.mark.parametrize(("route", "persona"), list(_cases()))
def test_a_page_on_the_demo_data_runs_at_most_twelve_queries(client, db, route, persona):
    people = Person.objects.select_related("user").filter(user__username__in=DEMO_LOGINS.values())
    by_username = {person.user.username: person for person in people}
    world = World({key: by_username[name] for key, name in DEMO_LOGINS.items()})
    client.force_login(world.people[persona].user)
    path = route.path(world)
    data = route.data(world) if route.data else {}
    client.get(path, data, headers=route.headers)  # what a first visit sets up is not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, data, headers=route.headers)
    assert response.status_code == 200
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    count = len(queries.captured_queries)
    assert count <= MAX_QUERIES, f"GET {path}: {count} queries\n{sql}"
