"""Reads of product updates: the list with what each reader has read, one update, the
unread count of the top bar, and the updates of a period for the weekly meeting."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from alignment import roles
from alignment.models import Person
from relationships.models import ProductUpdate, ProductUpdateRead

LIST_PAGE = 20


def _updates() -> QuerySet[ProductUpdate]:
    return ProductUpdate.objects.select_related("author__user").prefetch_related("segments")


def update_list(reader: Person) -> QuerySet[ProductUpdate]:
    """Newest first; each update knows whether `reader` has read it (`is_read`) and how
    many salespeople have (`sales_reads`)."""
    return (
        _updates()
        .annotate(
            is_read=Exists(ProductUpdateRead.objects.filter(update=OuterRef("pk"), person=reader)),
            # Read by the people salespeople_count() counts: one definition of "salesperson".
            sales_reads=Count("reads", filter=Q(reads__person__in=roles.salespeople())),
        )
        .order_by("-created_at", "-pk")
    )


def update(pk: int) -> ProductUpdate:
    """One update; raises ProductUpdate.DoesNotExist."""
    return _updates().get(pk=pk)


def unread_count(person: Person) -> int:
    return ProductUpdate.objects.exclude(reads__person=person).count()


def salespeople_count() -> int:
    return roles.salespeople().count()


def updates_between(
    since: datetime.datetime | None, until: datetime.datetime
) -> list[ProductUpdate]:
    """The updates published from `since` (included; None: from the first) until `until`
    (excluded), oldest first: the product updates a weekly meeting discusses."""
    updates = _updates().filter(created_at__lt=until)
    if since is not None:
        updates = updates.filter(created_at__gte=since)
    return list(updates.order_by("created_at", "pk"))
