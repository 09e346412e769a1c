"""What both teams did for a key account: its joint activities, the stage changes of its
leads and the next steps made or done. The account page shows them as one timeline, newest
first; the weekly meeting asks which accounts went quiet."""

import datetime
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import reduce

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from leads.models import LeadEvent
from relationships.accounts.matching import keys_of, leads_of
from relationships.models import (
    AccountActivity,
    ActionItem,
    ActionStatus,
    KeyAccount,
    Organisation,
    OrganisationKey,
)

QUIET_DAYS = 30


@dataclass(frozen=True)
class Entry:
    day: datetime.date
    moment: datetime.datetime
    kind: str  # "activity", "stage" or "step"
    item: AccountActivity | LeadEvent | ActionItem  # a stage event: its id, until read


def stage_events(keys: Iterable[OrganisationKey]) -> QuerySet[LeadEvent]:
    """The stage changes of the leads of the organisations with these keys."""
    return LeadEvent.objects.filter(leads_of(keys, through="lead__")).filter(
        kind=LeadEvent.Kind.STAGE
    )


def timeline(
    account: KeyAccount, *, limit: int, with_leads: bool, skip: int = 0
) -> tuple[list[Entry], bool]:
    """The newest `limit` entries but the first `skip` (the page "Show older" asks for), and
    whether there are older ones. Each source's newest `limit` + 1, merged. `with_leads`:
    the reader may see leads."""
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
        keys = account.organisation.keys.all()  # prefetched
        # A large account has thousands: only the ids and times of the newest are read, and
        # only the events on this page are joined to their lead and author (the tenth
        # "Show older" built 1,200 objects for the 30 it showed).
        newest = stage_events(keys).order_by("-at", "-pk").values_list("pk", "at")[:more]
        entries += [Entry(timezone.localdate(at), at, "stage", pk) for pk, at in newest]
    entries.sort(key=lambda entry: (entry.day, entry.moment), reverse=True)
    return _with_events(entries[skip:limit]), len(entries) > limit


def _with_events(entries: list[Entry]) -> list[Entry]:
    """The entries with their stage events read (until here each holds the event's id)."""
    wanted = [entry.item for entry in entries if entry.kind == "stage"]
    events = LeadEvent.objects.select_related("lead", "by__user").in_bulk(wanted)
    return [replace(e, item=events[e.item]) if e.kind == "stage" else e for e in entries]


def _latest(queryset: QuerySet, field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def quiet_accounts(today: datetime.date) -> list[dict]:
    """The key accounts without an activity, a stage change of one of their leads or a
    next step made in the last QUIET_DAYS days (today included), the longest quiet first;
    plain values, with the day of the last activity or next step made ("last")."""
    first_day = today - datetime.timedelta(days=QUIET_DAYS - 1)
    account = OuterRef("pk")
    accounts = list(
        KeyAccount.objects.select_related("organisation", "account_manager__user").annotate(
            # An event planned for next month is no sign of life today.
            last_activity=_latest(
                AccountActivity.objects.filter(account=account, date__lte=today), "date"
            ),
            last_step=_latest(ActionItem.objects.filter(key_account=account), "created_at"),
        )
    )
    changed = _stage_changed_since(keys_of(a.organisation_id for a in accounts), first_day)
    quiet = []
    for account in accounts:
        last = _last_day(account)
        if account.organisation_id in changed or (last and last >= first_day):
            continue
        quiet.append(
            {
                "account": account.organisation.name,
                "url": reverse("relationships:key_account", args=[account.pk]),
                "account_manager": account.account_manager.name,
                "last": last.isoformat() if last else None,
            }
        )
    return sorted(quiet, key=lambda row: (row["last"] or "", row["account"]))


def _stage_changed_since(keys: list[OrganisationKey], day: datetime.date) -> set[int]:
    """The organisations (of these keys) with a stage change of a lead since `day`. Each
    organisation's search stops at the first change it finds, so a busy account answers at
    once and only a quiet one reads all its leads (an index range per lead, event_timeline)."""
    if not keys:
        return set()
    since = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    keys_by_organisation: dict[int, list[OrganisationKey]] = defaultdict(list)
    for key in keys:
        keys_by_organisation[key.organisation_id].append(key)
    changed = [
        Q(pk=pk) & Exists(stage_events(own).filter(at__gte=since))
        for pk, own in keys_by_organisation.items()
    ]
    organisations = Organisation.objects.filter(reduce(operator.or_, changed))
    return set(organisations.order_by().values_list("pk", flat=True))


def _last_day(account: KeyAccount) -> datetime.date | None:
    step = account.last_step and timezone.localdate(account.last_step)
    return max((day for day in (account.last_activity, step) if day), default=None)
