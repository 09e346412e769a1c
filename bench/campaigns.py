"""Server time of the campaign list and of campaign pages, at N leads and C campaigns.

uv run python bench/campaigns.py --leads 1000000 --campaigns 2000
(full requests through Django's test client, signed in as the demo marketer; median of 7
after two warm-ups; tops the demo up to C campaigns and spreads the campaign-sourced leads
over them the first time)
"""

import datetime
import random
import statistics
import time

from _setup import arguments, as_web_requests, ensure_leads

args = arguments(__doc__, campaigns=2000)
ensure_leads(args.leads)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from alignment.models import Person  # noqa: E402
from leads.campaigns import stats  # noqa: E402
from leads.models import Campaign, Lead  # noqa: E402


def top_up_campaigns(count: int) -> None:
    started = time.perf_counter()
    have = Campaign.objects.count()
    rng = random.Random("bench:campaigns")
    owner = Person.objects.get(user__username="marketeer")
    first = datetime.date.today() - datetime.timedelta(days=3 * 365)
    Campaign.objects.bulk_create(
        Campaign(
            name=f"Bench campaign {n}",
            code=f"BENCH-{n:05d}",
            channel=rng.choice(["email", "webinar", "event", "paid_search", "social"]),
            start_date=(start := first + datetime.timedelta(days=rng.randint(0, 3 * 365))),
            end_date=start + datetime.timedelta(days=rng.randint(1, 60)),
            status=rng.choice(["finished", "finished", "running", "planned"]),
            owner=owner,
            budget=rng.randint(1, 50) * 1000,
        )
        for n in range(max(count - have, 0))
    )
    if Campaign.objects.filter(lead_count__gt=0).count() >= count * 0.9:
        return
    # Spread the campaign-sourced leads over every campaign (one UPDATE in SQL).
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM leads_campaign) "
            "UPDATE leads_lead SET source_campaign_id = "
            "c.ids[1 + (leads_lead.id % array_length(c.ids, 1))] FROM c "
            "WHERE leads_lead.source_campaign_id IS NOT NULL"
        )
        cursor.execute("VACUUM ANALYZE leads_lead")
    stats.refresh(Campaign.objects.values_list("pk", flat=True))
    print(f"topped up to {count:,} campaigns in {time.perf_counter() - started:.1f} s")


def median_ms(client: Client, url: str, params: dict | None = None) -> tuple[float, int]:
    for _ in range(2):
        client.get(url, params or {})
    times = []
    for _ in range(7):
        started = time.perf_counter()
        response = client.get(url, params or {})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params or {})
    return statistics.median(times), len(queries)


top_up_campaigns(args.campaigns)
as_web_requests()
client = Client()
client.force_login(get_user_model().objects.get(username="marketeer"))
by_size = Campaign.objects.order_by("lead_count").values_list("pk", "lead_count")
sizes = list(by_size)
typical, largest = sizes[len(sizes) // 2], sizes[-1]
print(
    f"{Lead.objects.count():,} leads, {len(sizes):,} campaigns, "
    f"{Lead.objects.filter(source_campaign__isnull=False).count():,} with a campaign"
)
CASES = [
    ("campaign list, newest first", reverse("leads:campaign_list"), {}),
    ("campaign list, sorted by ROI", reverse("leads:campaign_list"), {"sort": "roi"}),
    (
        "campaign list, sorted by leads, finished",
        reverse("leads:campaign_list"),
        {"sort": "leads", "status": "finished"},
    ),  # fmt: skip
    ("campaign list, page 40", reverse("leads:campaign_list"), {"page": 40}),
    (
        f"campaign page, typical ({typical[1]:,} leads)",
        reverse("leads:campaign_detail", args=[typical[0]]),
        {},
    ),  # fmt: skip
    (
        f"campaign page, largest ({largest[1]:,} leads)",
        reverse("leads:campaign_detail", args=[largest[0]]),
        {},
    ),  # fmt: skip
    ("coming campaigns with the month calendar", reverse("leads:campaigns_coming"), {}),
    ("budget page", reverse("dashboards:budget"), {}),
]
for label, url, params in CASES:
    ms, queries = median_ms(client, url, params)
    print(f"{label}: {ms:,.1f} ms ({queries} queries)", flush=True)
