"""Demo budget: the board's plan for last year and this year, per team, category and
quarter. Made once (nothing is added when the year has a plan)."""

import random
from decimal import Decimal

from django.utils import timezone

from alignment.models import Person, TeamCode
from dashboards.models import BudgetAllocation
from leads.models import SpendCategory

# Per quarter, in euros: what the board gives each team for each kind of spend.
PLAN = {
    TeamCode.MARKETING: {
        SpendCategory.CAMPAIGNS: 60_000,
        SpendCategory.EVENTS: 25_000,
        SpendCategory.TOOLS: 6_000,
        SpendCategory.PEOPLE: 15_000,
    },
    TeamCode.SALES: {
        SpendCategory.EVENTS: 8_000,
        SpendCategory.TRAVEL: 6_000,
        SpendCategory.TOOLS: 3_000,
    },
}


def seed(*, rng: random.Random) -> None:
    board = Person.objects.filter(user__username="directeur").first()
    if board is None:
        return
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year):
        if BudgetAllocation.objects.filter(year=year).exists():
            continue
        BudgetAllocation.objects.bulk_create(
            BudgetAllocation(
                year=year,
                quarter=quarter,
                team=team,
                category=category,
                amount=Decimal(amount * rng.choice([0.9, 1.0, 1.0, 1.1])).quantize(Decimal(1)),
                updated_by=board,
            )
            for team, categories in PLAN.items()
            for category, amount in categories.items()
            for quarter in (1, 2, 3, 4)
        )
