"""Writes of field notes: posting one, acknowledging it and replying. Each checks who may
do it (alignment.roles), so the views, the demo and the tests share the rules."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.notifications import notify
from leads.models import Campaign, Lead, Segment
from relationships.models import FieldNote, FieldNoteReply

EXCERPT_WORDS = 12


@transaction.atomic
def post_field_note(
    *,
    author: Person,
    kind: str,
    text: str,
    lead: Lead | None = None,
    segment: Segment | None = None,
    campaign: Campaign | None = None,
    now: datetime.datetime | None = None,
) -> FieldNote:
    roles.require(roles.can_post_field_notes(author.user))
    if lead is not None and not roles.can_view_leads(author.user):
        # Leads hold personal data; who cannot see them cannot point at one either.
        raise ValidationError({"lead": _("You cannot tie a note to a lead.")})
    note = FieldNote(
        author=author,
        kind=kind,
        text=text.strip(),
        lead=lead,
        segment=segment,
        campaign=campaign,
        created_at=now or timezone.now(),
    )
    note.full_clean()
    note.save()
    return note


def _locked(note_id: int) -> FieldNote:
    return (
        FieldNote.objects.select_for_update(of=("self",))
        .select_related("author__user")
        .get(pk=note_id)
    )


@transaction.atomic
def acknowledge_field_note(
    *, note_id: int, by: Person, now: datetime.datetime | None = None
) -> FieldNote:
    """Marketing has read it. Acknowledging twice keeps the first."""
    roles.require(roles.can_answer_field_notes(by.user))
    note = _locked(note_id)
    _acknowledge(note, by, now or timezone.now())
    return note


def _acknowledge(note: FieldNote, by: Person, now: datetime.datetime) -> None:
    if note.acknowledged_at is None:
        note.acknowledged_at = now
        note.acknowledged_by = by
        note.save(update_fields=["acknowledged_at", "acknowledged_by"])


@transaction.atomic
def reply_to_field_note(
    *, note_id: int, by: Person, text: str, now: datetime.datetime | None = None
) -> FieldNoteReply:
    """A reply from marketing or a manager also acknowledges the note and tells its author;
    the author's own answer tells the others who replied."""
    now = now or timezone.now()
    note = _locked(note_id)
    roles.require(roles.can_reply_to_field_note(by.user, note.author))
    reply = FieldNoteReply(note=note, author=by, text=text.strip(), created_at=now)
    reply.full_clean()
    reply.save()
    if by.pk != note.author_id:
        if roles.can_answer_field_notes(by.user):
            _acknowledge(note, by, now)
        _tell(note, by, [note.author], "field_note_reply")
    else:
        others = Person.objects.filter(pk__in=note.replies.exclude(author=by).values("author"))
        _tell(note, by, list(others), "field_note_author_reply")
    return reply


def _tell(note: FieldNote, by: Person, recipients: list[Person], kind: str) -> None:
    if recipients:
        notify(
            recipients=recipients,
            kind=kind,
            params={"person": by.name, "note": Truncator(note.text).words(EXCERPT_WORDS)},
            url=reverse("relationships:note_detail", args=[note.pk]),
        )
