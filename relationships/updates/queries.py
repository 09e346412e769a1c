"""Reads of product updates."""

from datetime import datetime

from relationships.models import ProductUpdate


def updates_between(since: datetime | None, until: datetime) -> list[ProductUpdate]:
    updates = ProductUpdate.objects.filter(created_at__lt=until)
    if since is not None:
        updates = updates.filter(created_at__gte=since)
    return list(
        updates.select_related("author__user")
        .prefetch_related("segments")
        .order_by("-created_at", "-pk")
    )
