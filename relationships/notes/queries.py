"""Reads of field notes."""

from datetime import datetime

from relationships.models import FieldNote


def notes_between(since: datetime | None, until: datetime) -> list[FieldNote]:
    notes = FieldNote.objects.filter(created_at__lt=until)
    if since is not None:
        notes = notes.filter(created_at__gte=since)
    return list(
        notes.select_related("author__user", "lead", "segment", "campaign")
        .prefetch_related("replies__author__user")
        .order_by("-created_at", "-pk")
    )
