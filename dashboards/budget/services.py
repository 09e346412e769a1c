"""Writes of the budget plan: only managers set it."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from alignment import roles
from alignment.models import Person
from dashboards.models import BudgetAllocation


@transaction.atomic
def save_plan(*, year: int, amounts: dict[tuple[str, str, int], Decimal | None], by: Person):
    """Set the year's company-wide allocations; an empty cell removes its allocation."""
    roles.require(roles.can_edit_budget(by.user))
    now = timezone.now()
    existing = {
        (row.team, row.category, row.quarter): row
        for row in BudgetAllocation.objects.select_for_update().filter(
            year=year, segment__isnull=True
        )
    }
    changed, created, removed = [], [], []
    for (team, category, quarter), amount in amounts.items():
        row = existing.get((team, category, quarter))
        if amount is None:
            if row:
                removed.append(row.pk)
            continue
        if row is None:
            row = BudgetAllocation(year=year, quarter=quarter, team=team, category=category)
            created.append(row)
        elif row.amount != amount:
            changed.append(row)
        row.amount, row.updated_by, row.updated_at = amount, by, now
        row.full_clean(validate_constraints=False)
    BudgetAllocation.objects.filter(pk__in=removed).delete()
    BudgetAllocation.objects.bulk_create(created)
    BudgetAllocation.objects.bulk_update(changed, ["amount", "updated_by", "updated_at"])
