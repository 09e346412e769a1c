"""Reads of campaigns: the list, one campaign's figures, what is coming for sales, the
month calendar and the calendar feed. Aggregation happens in the database."""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from alignment.tokens import hash_token
from leads.models import CalendarFeed, Campaign, Lead, LeadEvent, Spend, Stage
from leads.models.campaigns import return_on
from leads.profiles.scoring import FIT_BANDS

LIST_PAGE = 25
# The list's sorts: (label, order); "-" sorts high first, empty figures last.
SORTS = {
    "start": (_("Newest first"), ["-start_date", "name"]),
    "roi": (_("Best ROI first"), ["-roi_value", "-won_revenue", "name"]),
    "cost": (_("Highest cost first"), ["-cost", "name"]),
    "leads": (_("Most leads first"), ["-lead_count", "name"]),
    "name": (_("Name"), ["name"]),
}
COMING_WEEKS = 6
# Campaigns the feed carries: the recent past and what is planned ahead.
FEED_PAST_DAYS, FEED_AHEAD_DAYS = 92, 366


def _with_roi(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """return_on() in SQL, to sort the list by it."""
    roi = ExpressionWrapper(
        (F("won_revenue") - F("cost")) / F("cost"),
        output_field=DecimalField(max_digits=20, decimal_places=4),
    )
    return campaigns.annotate(roi_value=Case(When(cost__gt=0, then=roi), default=Value(None)))


def campaign_list(filters: dict) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.select_related("owner__user")
    if filters.get("status"):
        campaigns = campaigns.filter(status=filters["status"])
    if filters.get("channel"):
        campaigns = campaigns.filter(channel=filters["channel"])
    if filters.get("segment"):
        campaigns = campaigns.filter(segments=filters["segment"])
    if filters.get("since"):
        campaigns = campaigns.filter(end_date__gte=filters["since"])
    if filters.get("until"):
        campaigns = campaigns.filter(start_date__lte=filters["until"])
    order = [
        F(name[1:]).desc(nulls_last=True) if name.startswith("-") else F(name).asc()
        for name in SORTS[filters.get("sort", "start")][1]
    ]
    return _with_roi(campaigns).order_by(*order, "pk")


def campaign_detail(pk: int) -> Campaign:
    return Campaign.objects.select_related("owner__user").prefetch_related("segments").get(pk=pk)


@dataclass
class Figures:
    leads: int
    mqls: int
    sals: int
    sqls: int
    won: int
    won_revenue: Decimal
    cost: Decimal
    fit_bands: dict[str, int]
    rejections: list[dict] = field(default_factory=list)

    def _per(self, count: int) -> Decimal | None:
        return self.cost / count if count and self.cost else None

    @property
    def cost_per_lead(self) -> Decimal | None:
        return self._per(self.leads)

    @property
    def cost_per_mql(self) -> Decimal | None:
        return self._per(self.mqls)

    @property
    def cost_per_won(self) -> Decimal | None:
        return self._per(self.won)

    @property
    def roi(self) -> Decimal | None:
        return return_on(self.cost, self.won_revenue)


def figures(campaign: Campaign) -> Figures:
    """The campaign's funnel, revenue, cost and fit: three queries whatever its size. The
    leads, won deals, revenue and cost are the figures the campaign keeps (stats.py), as
    the list shows them; a lead counts for a stage once it reached it (its events),
    wherever it is now."""
    bands = Lead.objects.filter(source_campaign=campaign).aggregate(
        **{
            band: Count("pk", filter=Q(fit__score__gte=low, fit__score__lte=high))
            for band, (low, high) in FIT_BANDS.items()
        }
    )
    reached = LeadEvent.objects.filter(lead__source_campaign=campaign).aggregate(
        **{
            name: Count("lead", distinct=True, filter=Q(to_stage=stage))
            for name, stage in (("mqls", Stage.MQL), ("sals", Stage.SAL), ("sqls", Stage.SQL))
        }
    )
    return Figures(
        leads=campaign.lead_count,
        won=campaign.won_count,
        won_revenue=campaign.won_revenue,
        cost=campaign.cost,
        fit_bands=bands,
        rejections=rejection_reasons(campaign),
        **reached,
    )


def rejection_reasons(campaign: Campaign) -> list[dict]:
    """Why sales rejected this campaign's leads: is it bringing the wrong people?"""
    counted = (
        LeadEvent.objects.filter(lead__source_campaign=campaign, to_stage=Stage.REJECTED)
        .values("reason")
        .annotate(count=Count("pk"))
        .order_by("-count", "reason")
    )
    return [{"label": LeadEvent.label_of_reason(row["reason"]), **row} for row in counted]


def cost_lines(campaign: Campaign) -> list[Spend]:
    return list(campaign.costs.select_related("created_by__user").order_by("-date", "-pk"))


# Campaigns someone links by hand (a lead typed in, a field note, a key account's
# activity): the current ones. Years of campaigns were too many to choose from, and to
# render (2,000 options: 0.2 s a form); an import or the API names any campaign by its
# code or name.
CHOICE_DAYS = 180


def campaigns_to_choose(
    *, keep: int | None = None, today: date | None = None
) -> QuerySet[Campaign]:
    """Campaigns not cancelled that run, are coming or ended at most CHOICE_DAYS ago, and
    the one already linked (`keep`) whatever it is, newest first."""
    today = today or timezone.localdate()
    current = Q(end_date__gte=today - timedelta(days=CHOICE_DAYS))
    current &= ~Q(status=Campaign.Status.CANCELLED)
    if keep:
        current |= Q(pk=keep)
    return Campaign.objects.filter(current).order_by("-start_date", "name")


# For sales: what is coming -------------------------------------------------------------


def _live() -> QuerySet[Campaign]:
    return Campaign.objects.exclude(status=Campaign.Status.CANCELLED)


def coming(today: date | None = None, weeks: int = COMING_WEEKS) -> list[Campaign]:
    """Campaigns running now or starting in the coming weeks, soonest first."""
    today = today or timezone.localdate()
    return list(
        _live()
        .filter(end_date__gte=today, start_date__lte=today + timedelta(weeks=weeks))
        .exclude(status=Campaign.Status.FINISHED)
        .select_related("owner__user")
        .prefetch_related("segments")
        .order_by("start_date", "name")
    )


@dataclass
class Day:
    day: date
    in_month: bool
    campaigns: list[Campaign]  # the first few that run that day
    more: int  # how many others run that day as well


def month(first_day: date) -> list[list[Day]]:
    """The weeks (Monday first) of the month, each day with the campaigns running on it."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first_day.year, first_day.month)
    start, end = weeks[0][0], weeks[-1][-1]
    campaigns = list(
        _live()
        .filter(end_date__gte=start, start_date__lte=end)
        .order_by("start_date", "name")
        .only("pk", "name", "code", "channel", "start_date", "end_date", "status")
    )
    return [[_day(day, first_day, campaigns) for day in week] for week in weeks]


# A month cell stays readable (and the page fast) however many campaigns overlap: the
# rest are counted; the list above the calendar names them all.
CAMPAIGNS_PER_DAY = 4


def _day(day: date, first_day: date, campaigns: list[Campaign]) -> Day:
    running = [c for c in campaigns if c.start_date <= day <= c.end_date]
    return Day(
        day,
        day.month == first_day.month,
        running[:CAMPAIGNS_PER_DAY],
        max(len(running) - CAMPAIGNS_PER_DAY, 0),
    )


def shift_month(first_day: date, months: int) -> date:
    """The first day of the month `months` away (-1: the month before)."""
    index = first_day.year * 12 + first_day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def feed_campaigns(today: date | None = None) -> list[Campaign]:
    today = today or timezone.localdate()
    return list(
        _live()
        .filter(
            end_date__gte=today - timedelta(days=FEED_PAST_DAYS),
            start_date__lte=today + timedelta(days=FEED_AHEAD_DAYS),
        )
        .order_by("start_date", "pk")
    )


def person_of_feed(raw_token: str) -> Person | None:
    feed = (
        CalendarFeed.objects.filter(token_hash=hash_token(raw_token))
        .select_related("person__user")
        .first()
    )
    if feed is None or not feed.person.user.is_active:
        return None
    return feed.person


def has_feed(person: Person) -> bool:
    return CalendarFeed.objects.filter(person=person).exists()
