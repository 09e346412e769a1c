"""Reads of field notes: the feed, one note, the notes about a lead, and the notes of a
period for the weekly meeting."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from leads.models import Segment
from relationships.models import FieldNote, FieldNoteReply

FEED_PAGE = 20
LEAD_NOTES_SHOWN = 5


def _notes() -> QuerySet[FieldNote]:
    """Every note with what its card shows, in a constant number of queries."""
    replies = FieldNoteReply.objects.select_related("author__user").order_by("created_at", "pk")
    return FieldNote.objects.select_related(
        "author__user", "author__team", "lead", "segment", "campaign", "acknowledged_by__user"
    ).prefetch_related(Prefetch("replies", queryset=replies))


def feed(filters: dict) -> QuerySet[FieldNote]:
    """The feed, newest first, narrowed by the valid filters of NoteFilterForm.values()."""
    notes = _notes()
    if kind := filters.get("kind"):
        notes = notes.filter(kind=kind)
    if segment := filters.get("segment"):
        notes = notes.filter(segment=segment)
    if campaign := filters.get("campaign"):
        notes = notes.filter(campaign=campaign)
    if author := filters.get("author"):
        notes = notes.filter(author=author)
    state = filters.get("state")
    if state in ("open", "acknowledged"):
        notes = notes.filter(acknowledged_at__isnull=state == "open")
    if since := filters.get("since"):
        notes = notes.filter(created_at__gte=_start_of(since))
    if until := filters.get("until"):
        notes = notes.filter(created_at__lt=_start_of(until + datetime.timedelta(days=1)))
    return notes.order_by("-created_at", "-pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of a day in the office's time zone: periods are read as local dates."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def note(pk: int) -> FieldNote:
    """One note with its replies; raises FieldNote.DoesNotExist."""
    return _notes().get(pk=pk)


def notes_about_lead(lead_id: int) -> list[FieldNote]:
    """The latest notes about one lead, for its page."""
    return list(_notes().filter(lead_id=lead_id).order_by("-created_at", "-pk")[:LEAD_NOTES_SHOWN])


def notes_between(since: datetime.datetime | None, until: datetime.datetime) -> list[FieldNote]:
    """The notes posted from `since` (included; None: from the first) until `until`
    (excluded), oldest first: the field notes a weekly meeting discusses. Consecutive
    periods share no note."""
    notes = _notes().filter(created_at__lt=until)
    if since is not None:
        notes = notes.filter(created_at__gte=since)
    return list(notes.order_by("created_at", "pk"))


def segment_choices() -> QuerySet[Segment]:
    return Segment.objects.filter(active=True).order_by("name")
