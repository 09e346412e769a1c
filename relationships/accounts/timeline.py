"""What both teams did for a key account: its joint activities, the stage changes of its
leads and the next steps made or done. The account page shows them as one timeline, newest
first; the weekly meeting asks which accounts went quiet."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from leads.models import LeadEvent
from relationships.accounts.matching import leads_of
from relationships.models import AccountActivity, ActionItem, ActionStatus, KeyAccount

QUIET_DAYS = 30


@dataclass(frozen=True)
class Entry:
    day: datetime.date
    moment: datetime.datetime
    kind: str  # "activity", "stage" or "step"
    item: AccountActivity | LeadEvent | ActionItem


def stage_events(organisation_id: int | OuterRef) -> QuerySet[LeadEvent]:
    """The stage changes of an organisation's leads."""
    return LeadEvent.objects.filter(leads_of(organisation_id, through="lead__")).filter(
        kind=LeadEvent.Kind.STAGE
    )


def timeline(account: KeyAccount, *, limit: int, with_leads: bool) -> tuple[list[Entry], bool]:
    """The newest `limit` entries, and whether there are older ones. Three queries, each
    source's newest `limit` + 1, merged. `with_leads`: the reader may see leads."""
    more = limit + 1
    activities = account.activities.select_related("by__user", "campaign").order_by(
        "-date", "-created_at"
    )[:more]
    done = account.next_steps.filter(status=ActionStatus.DONE).select_related("owner__user")
    entries = [Entry(a.date, a.created_at, "activity", a) for a in activities]
    entries += [
        Entry(timezone.localdate(i.completed_at), i.completed_at, "step", i)
        for i in done.order_by("-completed_at", "-pk")[:more]
    ]
    if with_leads:
        events = stage_events(account.organisation_id).select_related("lead", "by__user")
        entries += [
            Entry(timezone.localdate(e.at), e.at, "stage", e)
            for e in events.order_by("-at", "-pk")[:more]
        ]
    entries.sort(key=lambda entry: (entry.day, entry.moment), reverse=True)
    return entries[:limit], len(entries) > limit


def _latest(queryset: QuerySet, field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def quiet_accounts(today: datetime.date) -> list[dict]:
    """The key accounts without an activity, a stage change of one of their leads or a
    next step made in the last QUIET_DAYS days, the longest quiet first; plain values."""
    account = OuterRef("pk")
    accounts = KeyAccount.objects.select_related("organisation", "account_manager__user").annotate(
        last_activity=_latest(AccountActivity.objects.filter(account=account), "date"),
        last_step=_latest(ActionItem.objects.filter(key_account=account), "created_at"),
        last_event=_latest(stage_events(OuterRef(OuterRef("organisation_id"))), "at"),
    )
    since = today - datetime.timedelta(days=QUIET_DAYS)
    quiet = []
    for account in accounts:
        last = _last_day(account)
        if last is None or last <= since:
            quiet.append(
                {
                    "account": account.organisation.name,
                    "url": reverse("relationships:key_account", args=[account.pk]),
                    "account_manager": account.account_manager.name,
                    "last": last.isoformat() if last else None,
                }
            )
    return sorted(quiet, key=lambda row: (row["last"] or "", row["account"]))


def _last_day(account: KeyAccount) -> datetime.date | None:
    days = [account.last_activity]
    days += [timezone.localdate(m) for m in (account.last_step, account.last_event) if m]
    return max((day for day in days if day), default=None)
