"""The SLA breach scan over a million leads and five million events.

uv run python bench/breach_scan.py --leads 1000000 --events 5000000

Tops the demo up to N leads with their lifecycle histories (leads/demo/lifecycle.py), then
adds reassignment events until there are --events in all, so the event table has the
size the target names. Measures scan_breaches() — select the running clocks
past their deadline, flag them, write their timeline events and notifications, in one
transaction per 1,000 — when nothing is due, and with 100 and 1,000 newly due clocks.
The emails a breach sends go to the Celery worker after the commit; here they are only
counted, so the figure is the scan's own work.
"""

from _setup import arguments, ensure_events, ensure_leads, timed, vacuum

args = arguments(__doc__, events=5_000_000)
ensure_leads(args.leads)

from datetime import timedelta  # noqa: E402

from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from alignment import tasks  # noqa: E402
from leads.handoff.breaches import scan_breaches  # noqa: E402
from leads.models import Lead, LeadEvent, SlaClock  # noqa: E402

# The worker's part, not the scan's: the email tasks are counted, not run in process.
queued_emails = []
tasks.email_notifications.delay = queued_emails.append


def vacuum_all() -> None:
    vacuum(LeadEvent._meta.db_table, SlaClock._meta.db_table, Lead._meta.db_table)


# A running worker has imported the URLconf long ago; the first reverse() would otherwise
# add its one-time import (~0.8 s) to the first scan that flags anything.
reverse("dashboards:home")
timed(f"histories and events up to {args.events:,}", lambda: ensure_events(args.events))
vacuum_all()
open_clocks = SlaClock.objects.filter(closed_at=None)
print(
    f"{Lead.objects.count():,} leads, {LeadEvent.objects.count():,} events, "
    f"{SlaClock.objects.count():,} clocks ({open_clocks.count():,} running), {connection.vendor}"
)

timed("catch-up scan (everything due since the demo was made)",
      lambda: f"{scan_breaches():,} flagged")  # fmt: skip
timed("scan with nothing due", lambda: f"{scan_breaches():,} flagged")


def make_due(count: int) -> None:
    """Move the deadline of `count` running, not yet due clocks to a minute ago."""
    ids = list(
        open_clocks.filter(breached_at=None, due_at__gt=timezone.now())
        .order_by("due_at")
        .values_list("pk", flat=True)[:count]
    )
    if len(ids) < count:  # the demo's live queue ran dry: start fresh clocks to breach
        extra = list(open_clocks.filter(breached_at__isnull=False).values_list("pk", flat=True))
        ids += extra[: count - len(ids)]
    SlaClock.objects.filter(pk__in=ids).update(
        due_at=timezone.now() - timedelta(minutes=1), breached_at=None
    )


for due in (100, 1000, 10_000):
    make_due(due)
    timed(f"scan with {due:,} newly due", lambda: f"{scan_breaches():,} flagged")
    timed("scan right after (nothing new)", lambda: f"{scan_breaches():,} flagged")
print(f"{len(queued_emails):,} email batches queued for the worker")
