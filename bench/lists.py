"""Server time of the lists built for volume (issue #10, points 11–14) at N leads: the
queue as a table with each filter and sort (a salesperson's own and the sales team's),
the handoff list with its count and segment filter, the rejected list with its filters.

uv run python bench/lists.py --leads 1000000   (full htmx requests through Django's test
client; best of 5 after one warm-up)
"""

import time

from _setup import arguments, as_web_requests, ensure_leads

args = arguments(__doc__)
ensure_leads(args.leads)

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from alignment.models import Person  # noqa: E402
from leads.models import Lead, Segment  # noqa: E402

users = get_user_model().objects
segment = Segment.objects.order_by("pk").values_list("pk", flat=True).first()
seller = users.get(username="verkoper").person
Person.objects.filter(user__username__in=["verkoper", "manager-sales"]).update(queue_view="table")

as_web_requests()


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(users.get(username=username))
    return client


sales, manager, marketer = client_of("verkoper"), client_of("manager-sales"), client_of("marketeer")
CASES = [
    ("queue, own: most urgent first", sales, "/queue/", {}),
    ("queue, own: urgency=urgent", sales, "/queue/", {"urgency": "urgent"}),
    ("queue, own: urgency=on-track", sales, "/queue/", {"urgency": "on-track"}),
    ("queue, own: segment", sales, "/queue/", {"segment": segment}),
    ("queue, own: sort=value", sales, "/queue/", {"sort": "value"}),
    ("queue, own: sort=fit", sales, "/queue/", {"sort": "fit"}),
    ("queue, own: sort=newest", sales, "/queue/", {"sort": "newest"}),
    ("queue, team: most urgent first", manager, "/queue/", {}),
    (
        "queue, team: urgency=soon + segment",
        manager,
        "/queue/",
        {"urgency": "soon", "segment": segment},
    ),  # fmt: skip
    ("queue, team: sort=value", manager, "/queue/", {"sort": "value"}),
    ("queue, team: one person, sort=fit", manager, "/queue/", {"person": seller.pk, "sort": "fit"}),
    ("queue, team: page 20", manager, "/queue/", {"page": 20}),
    ("handoff: all segments (with count)", marketer, "/handoff/", {}),
    ("handoff: one segment", marketer, "/handoff/", {"segment": segment}),
    ("rejected: no filter", marketer, "/rejected/", {}),
    ("rejected: reason=duplicate", marketer, "/rejected/", {"reason": "duplicate"}),
    ("rejected: by one salesperson", marketer, "/rejected/", {"by": seller.pk}),
    ("rejected: segment", marketer, "/rejected/", {"segment": segment}),
    (
        "rejected: reason + salesperson + segment",
        marketer,
        "/rejected/",
        {"reason": "no_budget", "by": seller.pk, "segment": segment},
    ),  # fmt: skip
]
print(f"{Lead.objects.count():,} leads")
worst = 0.0
for label, client, path, params in CASES:
    client.get(path, params, headers={"HX-Request": "true"})
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(path, params, headers={"HX-Request": "true"})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (label, response.status_code)
    best = min(times) * 1000
    worst = max(worst, best)
    print(f"{label:45} {best:7.1f} ms", flush=True)
print(f"slowest: {worst:.1f} ms")
