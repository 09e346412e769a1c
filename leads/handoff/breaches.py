"""The breach scan: flag every running SLA clock past its deadline, once, and tell the
owner and the sales managers. Runs every five minutes (leads.tasks.scan_sla_breaches)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from alignment import roles
from alignment.notifications import notify
from leads.models import LeadEvent, SlaClock

BREACH_BATCH = 1000


def scan_breaches(*, now: datetime | None = None, batch: int = BREACH_BATCH) -> int:
    """Batches commit one by one; a clock locked by a concurrent scan is skipped (that scan
    flags it), and a flagged clock is never selected again."""
    now = now or timezone.now()
    total = 0
    while True:
        flagged = _flag_batch(now=now, batch=batch)
        total += flagged
        if flagged < batch:
            return total


@transaction.atomic(durable=True)
def _flag_batch(*, now: datetime, batch: int) -> int:
    clocks = list(
        SlaClock.objects.filter(closed_at=None, breached_at=None, due_at__lte=now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("lead__owner__user")
        .order_by("due_at")[:batch]
    )
    if not clocks:
        return 0
    SlaClock.objects.filter(pk__in=[clock.pk for clock in clocks]).update(breached_at=now)
    LeadEvent.objects.bulk_create(
        LeadEvent(
            lead=clock.lead,
            at=now,
            kind=LeadEvent.Kind.BREACH,
            detail=clock.kind,
            assigned_to=clock.lead.owner,
        )
        for clock in clocks
    )
    managers = list(roles.sales_managers())
    for clock in clocks:
        owner = [clock.lead.owner] if clock.lead.owner else []
        notify(
            recipients=owner + managers,
            kind=f"sla_breach_{clock.kind}",
            params={"lead": str(clock.lead), "owner": owner[0].name if owner else "—"},
            url=clock.lead.get_absolute_url(),
        )
    return len(clocks)
