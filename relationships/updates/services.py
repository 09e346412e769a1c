"""Writes of product updates: publishing, editing and reading one. Each checks who may do
it (alignment.roles)."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from alignment import roles
from alignment.models import Person
from leads.models import Segment
from relationships.models import ProductUpdate, ProductUpdateRead


@transaction.atomic
def publish_update(
    *,
    by: Person,
    title: str,
    body: str,
    effective_date: datetime.date,
    segments: Iterable[Segment] = (),
    now: datetime.datetime | None = None,
) -> ProductUpdate:
    """Its author has read it, so it is flagged as new only for the others."""
    roles.require(roles.can_publish_product_updates(by.user))
    now = now or timezone.now()
    update = ProductUpdate(
        title=title.strip(),
        body=body.strip(),
        effective_date=effective_date,
        author=by,
        created_at=now,
    )
    update.full_clean()
    update.save()
    update.segments.set(segments)
    mark_read(person=by, update_ids=[update.pk], now=now)
    return update


@transaction.atomic
def edit_update(
    *,
    update_id: int,
    by: Person,
    title: str,
    body: str,
    effective_date: datetime.date,
    segments: Iterable[Segment] = (),
) -> ProductUpdate:
    """Corrects an update; who already read it is not asked to read it again."""
    update = ProductUpdate.objects.select_for_update().select_related("author").get(pk=update_id)
    roles.require(roles.can_edit_product_update(by.user, update.author))
    update.title, update.body = title.strip(), body.strip()
    update.effective_date = effective_date
    update.full_clean()
    update.save()
    update.segments.set(segments)
    return update


def mark_read(
    *, person: Person, update_ids: Iterable[int], now: datetime.datetime | None = None
) -> None:
    """Idempotent: reading an update again keeps the first time."""
    now = now or timezone.now()
    ProductUpdateRead.objects.bulk_create(
        [ProductUpdateRead(update_id=pk, person=person, read_at=now) for pk in update_ids],
        ignore_conflicts=True,
    )
