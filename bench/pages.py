"""Server time of every page and htmx fragment a person can reach, at N leads: each GET
route of the permission matrix (tests/matrix), read by the demo's people.

uv run python bench/pages.py --leads 1000000 [--slower-than 50] [--repeat 7]

Prints every page as it is measured, then how many are within --slower-than ms, the most
queries a page ran and the slowest ten.

The matrix's personas are played by the demo's people, who own the data: the salesperson
is "verkoper" (tens of thousands of running clocks), the managers are the demo's two
managers, and so on. Each route is read by the first two personas that may see it, as
the query-budget test does. Routes that need an object (a lead, a segment, a meeting)
make a small one of their own: the pages over the whole data set are the lists,
dashboards and queues, and bench/lead_list.py, lists.py, key_accounts.py and meeting.py
measure the detail pages of the demo's largest objects. Everything runs inside one
transaction that is rolled back, so the database stays as it was. A full request
through Django's test client with the web settings; the median of --repeat after two
warm-ups, and the queries of one more.
"""

from _setup import arguments, as_web_requests, ensure_leads, median_ms

args = arguments(__doc__, repeat=7, slower_than=50.0)
ensure_leads(args.leads)

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from alignment.models import Person  # noqa: E402
from leads.models import Lead  # noqa: E402
from tests.demo.test_query_budget import DEMO_LOGINS  # noqa: E402
from tests.matrix import World  # noqa: E402
from tests.test_permission_matrix import ROUTES  # noqa: E402
from tests.test_query_budget import READERS  # noqa: E402


class RolledBack(Exception):
    """Raised to leave the transaction without keeping what the routes made."""


def cases():
    for route in ROUTES:
        if route.method != "get":
            continue
        readers = [persona for persona in READERS if route.expect.get(persona) == 200][:2]
        for persona in readers:
            yield route, persona


def measure(world: World) -> list[tuple[float, int, str]]:
    results = []
    client = Client()
    for route, persona in cases():
        client.force_login(world.people[persona].user)
        path = route.path(world)
        data = route.data(world) if route.data else {}

        def get(path=path, data=data, route=route):
            return client.get(path, data, headers=route.headers).status_code

        label = f"{route.name} ({persona}) {path}"
        if (status := get()) != 200:  # a page that has moved on, e.g. once it is done
            print(f"not timed, answered {status}: {label}", flush=True)
            continue
        ms, queries = median_ms(get, runs=args.repeat)
        results.append((ms, queries, label))
        print(f"{ms:8.1f} ms  {queries:2} queries  {label}", flush=True)
    return results


as_web_requests()
print(f"{Lead.objects.count():,} leads")
people = {
    persona: Person.objects.get(user__username=username)
    for persona, username in DEMO_LOGINS.items()
}
# The services' own transactions are durable (never nested); marked as Django's TestCase
# marks its outer transaction, they nest in this one as they do in the tests.
everything = transaction.atomic()
everything._from_testcase = True
try:
    with everything:
        results = measure(World(people))
        raise RolledBack
except RolledBack:
    pass

results.sort(reverse=True)
within = sum(ms <= args.slower_than for ms, _queries, _label in results)
print(f"\n{len(results)} pages; {within} within {args.slower_than:.0f} ms")
print(f"most queries: {max(queries for _ms, queries, _label in results)}")
print("slowest:")
for ms, queries, label in results[:10]:
    print(f"{ms:8.1f} ms  {queries:2} queries  {label}")
