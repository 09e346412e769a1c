"""Key accounts at N leads: recognising the organisations, keeping the proposals (won
revenue per organisation over twelve months, each night), and the server time of the
key-account pages.

uv run python bench/key_accounts.py --leads 1000000
(recognition timed twice: the first run makes every organisation, the second is the
nightly run that finds nothing new; pages through Django's test client signed in as the
demo sales manager, median of 7 after two warm-ups; makes the five demo key accounts
the first time)
"""

import random

from _setup import (
    arguments,
    as_web_requests,
    ensure_events,
    ensure_leads,
    median_ms,
    page,
    timed,
)

args = arguments(__doc__, events=5_000_000)
ensure_leads(args.leads)
ensure_events(args.events)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from leads.models import Lead  # noqa: E402
from relationships.accounts import demo, queries, services  # noqa: E402
from relationships.accounts.matching import leads_of  # noqa: E402
from relationships.models import KeyAccount, Organisation, OrganisationKey  # noqa: E402

with transaction.atomic():
    timed("recognise organisations (first run or nightly)", services.recognise_organisations)
timed("recognise organisations, nightly run", services.recognise_organisations)
if not KeyAccount.objects.exists():
    with transaction.atomic():
        timed("demo key accounts", lambda: demo.seed(rng=random.Random("bench:accounts")))

today = timezone.localdate()
timed(
    "keep the proposals (nightly, after a merge or split)",
    lambda: services.refresh_proposals(today),
)
accounts = list(KeyAccount.objects.select_related("organisation"))
sizes = sorted(
    ((Lead.objects.filter(leads_of(a.organisation.keys.all())).count(), a) for a in accounts),
    key=lambda pair: pair[0],
)
(typical_size, typical), (largest_size, largest) = sizes[len(sizes) // 2], sizes[-1]
print(
    f"{Lead.objects.count():,} leads, {Organisation.objects.count():,} organisations, "
    f"{OrganisationKey.objects.count():,} keys, {len(accounts)} key accounts"
)

as_web_requests()
client = Client()
client.force_login(get_user_model().objects.get(username="manager-sales"))
account_url = reverse("relationships:key_account", args=[largest.pk])
CASES = [
    ("largest customers, summed (query only)", lambda: queries.largest_customers(today, 30)),
    ("kept proposals (query only)", queries.proposals),
    ("meeting facts (query only)", lambda: queries.meeting_facts(today)),
    ("key-account list with proposals", page(client, reverse("relationships:key_accounts"))),
    (
        f"account page, typical ({typical_size:,} leads)",
        page(client, reverse("relationships:key_account", args=[typical.pk])),
    ),
    (f"account page, largest ({largest_size:,} leads)", page(client, account_url)),
    (
        "account page, leads page 20 (htmx)",
        page(client, account_url, {"page": 20}, HX_Request="true", HX_Target="account-leads"),
    ),
    (
        "account page, timeline: the tenth “show older” (entries 271-300, htmx)",
        page(client, account_url, {"entries": 300}, HX_Request="true", HX_Target="timeline-older"),
    ),
    (
        "account page showing entries 271-300 (the same, without JavaScript)",
        page(client, account_url, {"entries": 300}),
    ),
    (
        "organisation page",
        page(client, reverse("relationships:organisation", args=[largest.organisation_id])),
    ),
    (
        "organisation list, search",
        page(client, reverse("relationships:organisations"), {"q": "ma"}),
    ),
    (
        "who-is-who card with key accounts",
        page(client, reverse("alignment:person_detail", args=[largest.account_manager_id])),
    ),
]
for label, action in CASES:
    ms, count = median_ms(action)
    print(f"{label}: {ms:,.1f} ms ({count} queries)", flush=True)
