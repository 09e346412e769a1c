"""Reads of organisations and key accounts: the proposals, the list, an account's page,
the organisations, what the weekly meeting and the who-is-who card show. Revenue and
pipeline are leads.campaigns.deals' definitions; which leads are an organisation's is
matching.py's."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.urls import reverse

from alignment.models import Person
from leads.campaigns import deals
from leads.models import Lead, Stage
from relationships.accounts.matching import KeyMap, key_map, keys_of, leads_of
from relationships.accounts.timeline import QUIET_DAYS, quiet_accounts
from relationships.models import (
    ActionItem,
    ActionStatus,
    KeyAccount,
    Organisation,
    OrganisationKey,
    ProposedAccount,
    RevenueGoal,
)

PROPOSALS = 10
DUE_SOON_DAYS = 7


def twelve_months_to(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months: from the day after the same date a year ago to today."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + datetime.timedelta(days=1), today


def year_to(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today.replace(month=1, day=1), today


@dataclass
class Won:
    revenue: Decimal = Decimal(0)
    deals: int = 0


def revenue_by_organisation(
    since: datetime.date, until: datetime.date, among: list[OrganisationKey] | None = None
) -> dict[int, Won]:
    """Won revenue and won deals per organisation. The database sums per email domain and
    company name (from one index, lead_won_close_sourced), the sums are added up per organisation
    here. `among`: only the leads of the organisations with these keys, found by index."""
    won = Lead.objects.filter(deals.won_between(since, until))
    if among is not None:
        won = won.filter(leads_of(among))
    pairs = list(
        won.values_list("email_domain", "company_key")
        .annotate(revenue=Sum("won_amount"), deals=Count("*"))  # "*": read the index only
        .order_by()
    )
    keys = KeyMap(among) if among is not None else key_map((d, n) for d, n, *_ in pairs)
    totals: dict[int, Won] = defaultdict(Won)
    for domain, name, revenue, count in pairs:
        organisation = keys.organisation_of(domain, name)
        if organisation is not None:
            totals[organisation].revenue += revenue
            totals[organisation].deals += count
    return dict(totals)


# The proposals and the list ---------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    organisation: Organisation
    revenue: Decimal
    deals: int


def largest_customers(today: datetime.date, limit: int) -> list[Proposal]:
    """The largest customers by won revenue over the twelve months to `today` that are no
    key account yet, the largest first: summed over every won deal, so kept each night as
    the proposals (services.refresh_proposals)."""
    accounts = set(KeyAccount.objects.values_list("organisation_id", flat=True))
    totals = revenue_by_organisation(*twelve_months_to(today))
    largest = sorted(
        ((won.revenue, -pk, pk, won) for pk, won in totals.items() if pk not in accounts),
        reverse=True,
    )[:limit]
    organisations = Organisation.objects.in_bulk([pk for _r, _p, pk, _w in largest])
    return [Proposal(organisations[pk], won.revenue, won.deals) for _r, _p, pk, won in largest]


def proposals(limit: int = PROPOSALS) -> list[ProposedAccount]:
    """The kept proposals that are still no key account, the largest first."""
    kept = ProposedAccount.objects.filter(organisation__key_account__isnull=True)
    return list(kept.select_related("organisation").order_by("-revenue", "pk")[:limit])


def _accounts() -> QuerySet[KeyAccount]:
    return KeyAccount.objects.select_related(
        "organisation", "account_manager__user", "marketer__user", "service_contact__user"
    )


def _with_goal(accounts: QuerySet[KeyAccount], year: int) -> QuerySet[KeyAccount]:
    goal = RevenueGoal.objects.filter(account=OuterRef("pk"), year=year).values("amount")
    return accounts.annotate(goal=Subquery(goal[:1]))


@dataclass(frozen=True)
class AccountRow:
    account: KeyAccount
    revenue: Decimal

    @property
    def share_of_goal(self) -> Decimal | None:
        goal = self.account.goal
        return self.revenue / goal if goal else None


def key_account_list(today: datetime.date) -> list[AccountRow]:
    """Every key account with its revenue this year, its goal and its open next steps."""
    open_steps = Q(next_steps__status=ActionStatus.OPEN)
    overdue = open_steps & Q(next_steps__due_date__lt=today)
    accounts = list(
        _with_goal(_accounts(), today.year)
        .annotate(
            open_steps=Count("next_steps", filter=open_steps),
            overdue_steps=Count("next_steps", filter=overdue),
        )
        .order_by("organisation__name", "pk")
    )
    if not accounts:
        return []
    keys = keys_of(account.organisation_id for account in accounts)
    won = revenue_by_organisation(*year_to(today), among=keys)
    return [AccountRow(a, won.get(a.organisation_id, Won()).revenue) for a in accounts]


# One account --------------------------------------------------------------------------------


def key_account(pk: int, year: int) -> KeyAccount | None:
    keys = Prefetch("organisation__keys", OrganisationKey.objects.order_by("kind", "value"))
    return _with_goal(_accounts(), year).prefetch_related(keys).filter(pk=pk).first()


def leads_of_account(account: KeyAccount) -> QuerySet[Lead]:
    """Its leads (the organisation's keys are prefetched by key_account())."""
    return Lead.objects.filter(leads_of(account.organisation.keys.all()))


@dataclass(frozen=True)
class Figures:
    revenue: Decimal
    pipeline: Decimal
    stages: list[tuple[str, str, int]]  # (stage, label, leads), in lifecycle order

    @property
    def leads(self) -> int:
        return sum(count for _stage, _label, count in self.stages)


def figures(account: KeyAccount, today: datetime.date) -> Figures:
    """Leads per stage, won revenue this year and the open pipeline, in one pass over the
    account's leads (deals.py's definitions as filters)."""
    per_stage = (
        leads_of_account(account)
        .values("stage")
        .annotate(
            n=Count("pk"),
            won=Sum("won_amount", filter=deals.won_between(*year_to(today))),
            open=Sum("estimated_value", filter=Q(stage__in=deals.OPEN_DEAL_STAGES)),
        )
        .order_by()
    )
    rows = {row["stage"]: row for row in per_stage}
    return Figures(
        revenue=sum((row["won"] or Decimal(0) for row in rows.values()), Decimal(0)),
        pipeline=sum((row["open"] or Decimal(0) for row in rows.values()), Decimal(0)),
        stages=[(s.value, s.label, rows[s.value]["n"]) for s in Stage if s.value in rows],
    )


def account_leads(account: KeyAccount) -> QuerySet[Lead]:
    """Its leads for the page's list: the most recently changed first."""
    return leads_of_account(account).select_related("owner__user").order_by("-updated_at", "-pk")


def open_steps(account: KeyAccount) -> list[ActionItem]:
    return list(
        account.next_steps.filter(status=ActionStatus.OPEN)
        .select_related("owner__user", "owner__team", "created_by", "key_account")
        .order_by("due_date", "pk")
    )


def next_step(account: KeyAccount, pk: int) -> ActionItem | None:
    steps = account.next_steps.select_related("owner__team", "created_by", "key_account")
    return steps.filter(pk=pk).first()


# Organisations -----------------------------------------------------------------------------


def organisations(q: str = "") -> QuerySet[Organisation]:
    """Organisations by name, or by a company name or domain that is one of their keys."""
    found = Organisation.objects.all()
    if q:
        keyed = OrganisationKey.objects.filter(value__icontains=q).values("organisation_id")
        found = found.filter(Q(name__icontains=q) | Q(pk__in=keyed))
    keys = Prefetch("keys", OrganisationKey.objects.order_by("kind", "value"))
    return found.select_related("key_account").prefetch_related(keys).order_by("name", "pk")


def organisation(pk: int) -> Organisation | None:
    return organisations().filter(pk=pk).first()


@dataclass(frozen=True)
class OrganisationFigures:
    leads: int
    revenue: Decimal  # the last twelve months
    deals: int


def organisation_figures(organisation: Organisation, today: datetime.date) -> OrganisationFigures:
    leads = Lead.objects.filter(leads_of(organisation.keys.all()))
    since, until = twelve_months_to(today)
    won = leads.filter(deals.won_between(since, until)).aggregate(n=Count("pk"))["n"]
    return OrganisationFigures(
        leads=leads.count(), revenue=deals.won_revenue(leads, since, until), deals=won
    )


MERGE_CHOICES = 10


def merge_candidates(organisation: Organisation, q: str) -> list[Organisation]:
    """Organisations to merge `organisation` into, found by name or key."""
    if not q:
        return []
    return list(organisations(q).exclude(pk=organisation.pk)[:MERGE_CHOICES])


# The weekly meeting and the who-is-who card -------------------------------------------------


def meeting_facts(today: datetime.date) -> dict:
    """The key accounts' part of the weekly meeting, as plain values: the next steps due
    within a week or overdue, and the accounts where nothing happened for QUIET_DAYS."""
    due = (
        ActionItem.objects.filter(
            key_account__isnull=False,
            status=ActionStatus.OPEN,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("key_account__organisation", "owner__user")
        .order_by("due_date", "pk")
    )
    return {
        "next_steps": [
            {
                "title": item.title,
                "account": item.key_account.organisation.name,
                "url": reverse("relationships:key_account", args=[item.key_account_id]),
                "owner": item.owner.name,
                "due": item.due_date.isoformat(),
                "overdue": item.due_date < today,
            }
            for item in due
        ],
        "quiet_accounts": quiet_accounts(today),
        "quiet_days": QUIET_DAYS,
    }


def accounts_of(person: Person) -> list[KeyAccount]:
    """The key accounts a person works on, for their card."""
    mine = Q(account_manager=person) | Q(marketer=person) | Q(service_contact=person)
    return list(KeyAccount.objects.filter(mine).select_related("organisation"))
