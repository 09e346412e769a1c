"""Reads of action items."""

from datetime import date

from django.db.models import QuerySet

from alignment.models import Person
from relationships.models import ActionItem, ActionStatus


def possible_owners() -> QuerySet[Person]:
    """Who can own an action item: every active person in a team."""
    return (
        Person.objects.select_related("user", "team")
        .filter(user__is_active=True, team__isnull=False)
        .order_by("team__code", "user__first_name", "user__last_name")
    )


def action_items(*, owner: Person | None = None, status: str = ActionStatus.OPEN) -> QuerySet:
    items = ActionItem.objects.filter(status=status).select_related(
        "owner__user",
        "owner__team",
        "created_by__user",
        "source_round",
        "key_account__organisation",
    )
    if owner is not None:
        items = items.filter(owner=owner)
    return items.order_by("due_date", "pk")


def open_items(today: date) -> list[ActionItem]:
    """Every open action item, the longest overdue first."""
    return list(
        ActionItem.objects.filter(status=ActionStatus.OPEN)
        .select_related("owner__user", "owner__team", "source_round")
        .order_by("due_date", "pk")
    )
