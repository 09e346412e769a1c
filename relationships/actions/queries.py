"""Reads of action items."""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet

from alignment import roles
from alignment.models import Person
from relationships.models import ActionComment, ActionItem, ActionStatus

# "My action items" shows what was closed in this many days, below the open ones.
RECENTLY_CLOSED_DAYS = 30
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


def possible_owners() -> QuerySet[Person]:
    """Who can own an action item (the rule is in alignment.roles)."""
    return roles.action_owners()


def _items() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related(
        "owner__user", "owner__team", "created_by__user", "source_round",
        "key_account__organisation",
    ).annotate(comment_count=Count("comments"))  # fmt: skip


def action_items(*, owner: Person | None = None, status: str = ActionStatus.OPEN) -> QuerySet:
    items = _items().filter(status=status)
    if owner is not None:
        items = items.filter(owner=owner)
    return items.order_by("due_date", "pk")


def action_item(pk: int) -> ActionItem:
    """One item; raises ActionItem.DoesNotExist."""
    return _items().get(pk=pk)


def action_item_with_comments(pk: int) -> ActionItem:
    """One item with its comment thread (oldest first) in `item.thread`; raises
    ActionItem.DoesNotExist."""
    comments = ActionComment.objects.select_related("author__user").order_by("created_at", "pk")
    items = _items().prefetch_related(Prefetch("comments", comments, to_attr="thread"))
    return items.get(pk=pk)


def _with_overdue(items: QuerySet, today: datetime.date) -> QuerySet:
    overdue = ExpressionWrapper(Q(due_date__lt=today), output_field=BooleanField())
    return items.annotate(overdue=overdue)


def open_items(today: datetime.date) -> list[ActionItem]:
    """Every open item, the one due first on top, each with its owner and `overdue`
    (due before `today`): the action items the weekly meeting carries over."""
    items = _with_overdue(_items().filter(status=ActionStatus.OPEN), today)
    return list(items.order_by("due_date", "pk"))


def my_items(person: Person, today: datetime.date) -> dict[str, list[ActionItem]]:
    """A person's own list: what they own and is open (overdue first), what they asked
    others to do and is open, and what of theirs was closed lately."""
    since = today - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
    mine = Q(owner=person) & (
        Q(status=ActionStatus.OPEN) | Q(completed_at__date__gte=since, status__in=CLOSED)
    )
    asked = Q(created_by=person, status=ActionStatus.OPEN) & ~Q(owner=person)
    items = _with_overdue(_items().filter(mine | asked), today).order_by("due_date", "pk")
    lists: dict[str, list[ActionItem]] = {"owned": [], "asked": [], "closed": []}
    for item in items:
        if item.owner_id != person.pk:
            lists["asked"].append(item)
        elif item.status == ActionStatus.OPEN:
            lists["owned"].append(item)
        else:
            lists["closed"].append(item)
    return lists
