"""Server time of the lead list's first page for every combination of its filters, each
sort, without and with a search, at N leads (bench/lead_list.py has the common cases).

uv run python bench/lead_list_matrix.py --leads 1000000 [--slower-than 50] [--repeat 3]

Each filter takes a value that is hard for the planner: the stage SAL (17 % of the leads,
met late when walking the name index), the smallest segment, the busiest salesperson,
high fit, one campaign (the first found: ~350 leads on one seeding, 44,550 on another).
Every subset of those filters (32) × 5 sorts × 4 searches (none, a common surname, a word
nothing matches, a two-letter word: matched where a word starts) = 640 pages, plus the
single filters with their other values. A full htmx request through Django's test client,
signed in as the marketing manager; the best of --repeat after one warm-up. Prints every
case slower than --slower-than ms, the slowest ten and how many are within the limit.
"""

import itertools
import time

from _setup import arguments, as_web_requests, ensure_leads

args = arguments(__doc__, repeat=3, slower_than=50.0)
ensure_leads(args.leads)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from alignment.models import Person  # noqa: E402
from leads.models import Lead, LeadFit  # noqa: E402

as_web_requests()
client = Client()
client.force_login(get_user_model().objects.get(username="manager-marketing"))
smallest = (
    LeadFit.objects.exclude(segment=None).values("segment").annotate(n=Count("pk")).order_by("n")
)
busiest = Lead.objects.exclude(owner=None).values("owner").annotate(n=Count("pk")).order_by("-n")
campaign = Lead.objects.exclude(source_campaign=None).values_list("source_campaign", flat=True)
FILTERS = {
    "stage": "sal",
    "segment": smallest[0]["segment"],
    "owner": busiest[0]["owner"],
    "fit": "high",
    "campaign": campaign.first(),
}
OTHER_VALUES = [
    {"stage": "new"},
    {"stage": "disqualified"},
    {"segment": smallest.last()["segment"]},
    {"fit": "low"},
    {"fit": "medium"},
    {"owner": Person.objects.get(user__username="verkoper").pk},
]
SORTS = ["newest", "oldest", "fit", "name", "company"]
SEARCHES = ["", "jansen", "zzqx", "bv"]


def cases():
    for size in range(len(FILTERS) + 1):
        for names in itertools.combinations(FILTERS, size):
            yield {name: FILTERS[name] for name in names}
    yield from OTHER_VALUES


def timed(params: dict) -> float:
    client.get("/leads/", params, headers={"HX-Request": "true"})
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        response = client.get("/leads/", params, headers={"HX-Request": "true"})
        best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, params
    return best * 1000


print(f"{Lead.objects.count():,} leads; filters {FILTERS}")
results = []
started = time.perf_counter()
for filters in cases():
    for sort, q in itertools.product(SORTS, SEARCHES):
        params = filters | {"sort": sort} | ({"q": q} if q else {})
        ms = timed(params)
        results.append((ms, params))
        if ms > args.slower_than:
            print(f"{ms:8.1f} ms  {params}", flush=True)
results.sort(key=lambda row: row[0], reverse=True)
within = sum(1 for ms, _ in results if ms <= args.slower_than)
print(f"\n{len(results)} pages in {time.perf_counter() - started:.0f} s; "
      f"{within} within {args.slower_than:.0f} ms")  # fmt: skip
print("slowest:")
for ms, params in results[:10]:
    print(f"{ms:8.1f} ms  {params}")
