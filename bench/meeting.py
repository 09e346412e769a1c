"""The weekly meeting at N leads: this week's open agenda, projector mode and each live
section the two load (one htmx request per section).

uv run python bench/meeting.py --leads 1000000
(plans this week's meeting when there is none, and computes the dashboard's figures of
the last two Sundays when they are missing, ~6 s a day, so the figures' section has
numbers; pages through Django's test client signed in as the demo sales manager, median
of 7 after two warm-ups; bench/key_accounts.py makes the key accounts its section lists)
"""

import datetime

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
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from alignment.models import Person  # noqa: E402
from dashboards.meeting import queries, services  # noqa: E402
from dashboards.models import PeriodKind, Section, Snapshot  # noqa: E402
from dashboards.snapshots.services import compute_days  # noqa: E402

today = timezone.localdate()
last_sunday = today - datetime.timedelta(days=today.weekday() + 1)
for sunday in (last_sunday - datetime.timedelta(days=7), last_sunday):
    if not Snapshot.objects.filter(day=sunday, period=PeriodKind.WEEK).exists():
        timed(f"the dashboard's figures of {sunday}", lambda day=sunday: compute_days(day, day))
manager = Person.objects.get(user__username="manager-sales")
meeting = queries.meeting_of_week(services.week_of(today)) or services.plan_meeting(
    week=today, by=manager, invite=False
)

as_web_requests()
client = Client()
client.force_login(get_user_model().objects.get(username="manager-sales"))
CASES = [
    ("the agenda page", page(client, reverse("dashboards:meeting", args=[meeting.pk]))),
    ("projector mode", page(client, reverse("dashboards:meeting_present", args=[meeting.pk]))),
]
for item in meeting.items.exclude(section=Section.FREE).order_by("position"):
    url = reverse("dashboards:meeting_item_facts", args=[meeting.pk, item.pk])
    CASES.append((f"section: {item.heading}", page(client, url, HX_Request="true")))

print(f"the meeting of the week of {meeting.week}, {'closed' if meeting.is_closed else 'open'}")
for label, action in CASES:
    ms, count = median_ms(action)
    print(f"{label}: {ms:,.1f} ms ({count} queries)", flush=True)
