"""Server time of the lead list's first page for each filter and sort, at N leads.

uv run python bench/lead_list.py --leads 1000000   (a full request through Django's test
client, signed in as the demo salesperson; best of 5 after one warm-up)
"""

import time

from _setup import arguments, as_web_requests, ensure_leads

args = arguments(__doc__)
ensure_leads(args.leads)

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from leads.models import Lead, Segment  # noqa: E402

salesperson = get_user_model().objects.get(username="verkoper")
as_web_requests()
client = Client()
client.force_login(salesperson)
segments = list(Segment.objects.order_by("pk").values_list("pk", flat=True))
owner = salesperson.person.pk
CASES = {
    "no filter (newest first)": {},
    "stage=sql": {"stage": "sql"},
    "stage=disqualified (rare)": {"stage": "disqualified"},
    "segment (first)": {"segment": segments[0]},
    "segment (smallest)": {"segment": segments[2]},
    "owner": {"owner": owner},
    "fit=high": {"fit": "high"},
    "fit=low": {"fit": "low"},
    "search 'jansen'": {"q": "jansen"},
    "search 'brabant metaal'": {"q": "brabant metaal"},
    "search with no match": {"q": "zzqx"},
    "sort=fit": {"sort": "fit"},
    "sort=name": {"sort": "name"},
    "sort=company": {"sort": "company"},
    "stage=mql + segment + fit=high + sort=fit": {
        "stage": "mql",
        "segment": segments[0],
        "fit": "high",
        "sort": "fit",
    },  # fmt: skip
    "owner + sort=oldest": {"owner": owner, "sort": "oldest"},
    "segment + sort=name": {"segment": segments[1], "sort": "name"},
    "fit=medium + sort=company": {"fit": "medium", "sort": "company"},
    "search 'bakker' + segment + stage=new": {
        "q": "bakker",
        "segment": segments[0],
        "stage": "new",
    },
    "page 40 (no filter)": {"page": 40},
}
print(f"{Lead.objects.count():,} leads")
worst = 0.0
for label, params in CASES.items():
    client.get("/leads/", params, headers={"HX-Request": "true"})
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get("/leads/", params, headers={"HX-Request": "true"})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    best = min(times) * 1000
    worst = max(worst, best)
    print(f"{label:45} {best:7.1f} ms")
print(f"slowest first page: {worst:.1f} ms")
