"""The shared commercial budget of one year: plan, committed and actual spend per team,
category and quarter, beside the revenue each team brings in. Six grouped queries, whatever
the number of leads, campaigns or spend lines."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Sum
from django.db.models.functions import Coalesce, ExtractQuarter, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.models import TeamCode
from dashboards.kpis.periods import plan_between
from dashboards.models import BudgetAllocation
from leads.campaigns.deals import SOURCED, won_between
from leads.models import Campaign, Lead, Spend, SpendCategory
from leads.models.campaigns import return_on

TEAMS = roles.FUNNEL_TEAMS
QUARTERS = (1, 2, 3, 4)
ZERO = Decimal(0)

PLAN_HELP = _("The amounts the board allocated to the team for the year.")
COMMITTED_HELP = _(
    "What is spent, plus what running and planned campaigns may still spend: their budget "
    "minus their cost so far."
)
ACTUAL_HELP = _(
    "The sum of the spend lines dated in the year: campaign cost lines for marketing, the "
    "lines sales entered for sales."
)


@dataclass
class Figures:
    plan: Decimal = ZERO
    committed: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def over_committed(self) -> bool:
        return self.committed > self.plan

    @property
    def left(self) -> Decimal:
        return self.plan - self.committed


@dataclass
class TeamBudget:
    team: TeamCode
    year: Figures = field(default_factory=Figures)
    quarters: dict[int, Figures] = field(default_factory=lambda: {q: Figures() for q in QUARTERS})
    categories: dict[str, Figures] = field(
        default_factory=lambda: {c: Figures() for c in SpendCategory.values}
    )
    revenue: Decimal = ZERO  # marketing: sourced revenue; sales: all won revenue

    @property
    def label(self) -> str:
        return self.team.label

    @property
    def roi(self) -> Decimal | None:
        return return_on(self.year.actual, self.revenue)

    @property
    def category_rows(self) -> list[tuple[str, Figures]]:
        labels = dict(SpendCategory.choices)
        return [(labels[code], figures) for code, figures in self.categories.items()]


@dataclass
class Overview:
    year: int
    teams: dict[str, TeamBudget]
    burn_up: dict[str, list[Decimal]]  # cumulative actual and plan per week
    weeks: list[date]

    @property
    def total(self) -> Figures:
        return Figures(
            plan=sum((t.year.plan for t in self.teams.values()), ZERO),
            committed=sum((t.year.committed for t in self.teams.values()), ZERO),
            actual=sum((t.year.actual for t in self.teams.values()), ZERO),
        )


def _add(figures: Figures, **amounts: Decimal) -> None:
    for name, amount in amounts.items():
        setattr(figures, name, getattr(figures, name) + (amount or ZERO))


def _add_everywhere(budget: TeamBudget, quarter: int, category: str, **amounts) -> None:
    for figures in (budget.year, budget.quarters[quarter], budget.categories[category]):
        _add(figures, **amounts)


def year_overview(year: int) -> Overview:
    teams = {team: TeamBudget(team) for team in TEAMS}
    plan = (
        BudgetAllocation.objects.filter(year=year)
        .values("team", "quarter", "category")
        .annotate(total=Sum("amount"))
    )
    for row in plan:
        _add_everywhere(teams[row["team"]], row["quarter"], row["category"], plan=row["total"])
    spent = (
        Spend.objects.filter(date__year=year)
        .values("team", "category", quarter=ExtractQuarter("date"))
        .annotate(total=Sum("amount"))
    )
    for row in spent:
        total = row["total"]
        _add_everywhere(
            teams[row["team"]], row["quarter"], row["category"], actual=total, committed=total
        )
    for row in _open_commitments(year):
        marketing = teams[TeamCode.MARKETING]
        _add_everywhere(marketing, row["quarter"], SpendCategory.CAMPAIGNS, committed=row["left"])
    revenue = _revenue(year)
    teams[TeamCode.MARKETING].revenue = revenue["sourced"]
    teams[TeamCode.SALES].revenue = revenue["won"]
    weeks, burn_up = _burn_up(year, teams)
    return Overview(year, teams, burn_up, weeks)


def _open_commitments(year: int):
    """What running and planned campaigns of the year may still spend, per quarter."""
    return (
        Campaign.objects.filter(
            start_date__year=year,
            status__in=[Campaign.Status.PLANNED, Campaign.Status.RUNNING],
            budget__gt=F("cost"),
        )
        .values(quarter=ExtractQuarter("start_date"))
        .annotate(left=Sum(Greatest(F("budget") - F("cost"), ZERO)))
    )


def _revenue(year: int) -> dict[str, Decimal]:
    won = Lead.objects.filter(won_between(date(year, 1, 1), date(year, 12, 31)))
    return won.aggregate(
        won=Coalesce(Sum("won_amount"), ZERO),
        sourced=Coalesce(Sum("won_amount", filter=SOURCED), ZERO),
    )


def _burn_up(year: int, teams: dict) -> tuple[list[date], dict[str, list[Decimal]]]:
    """Cumulative actual spend at the end of each week, against the plan spread evenly
    over the days of each quarter."""
    first = date(year, 1, 1)
    weeks = [first + timedelta(days=7 * i + 6) for i in range(52)] + [date(year, 12, 31)]
    by_day = dict(
        Spend.objects.filter(date__year=year).values_list("date").annotate(total=Sum("amount"))
    )
    plan = {(year, q): sum(t.quarters[q].plan for t in teams.values()) for q in QUARTERS}
    actual, planned = [], []
    running = ZERO
    days = sorted(by_day)
    index = 0
    for end in weeks:
        while index < len(days) and days[index] <= end:
            running += by_day[days[index]]
            index += 1
        actual.append(running)
        planned.append(plan_between(first, end, plan))
    return weeks, {"actual": actual, "plan": planned}


def allocations(year: int) -> dict[tuple[str, str, int], BudgetAllocation]:
    """The year's company-wide allocations by (team, category, quarter), for the editor."""
    rows = BudgetAllocation.objects.filter(year=year, segment__isnull=True)
    return {(row.team, row.category, row.quarter): row for row in rows}


def sales_spend(year: int) -> list[Spend]:
    return list(
        Spend.objects.filter(team=TeamCode.SALES, date__year=year)
        .select_related("created_by__user")
        .order_by("-date", "-pk")[:50]
    )


def budget_years() -> list[int]:
    years = set(BudgetAllocation.objects.values_list("year", flat=True).distinct())
    return sorted(years | {timezone.localdate().year})
