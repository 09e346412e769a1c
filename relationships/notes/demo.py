"""Demo field notes: forty things the demo salespeople (and the service desk) heard over
the last ten weeks, some about a lead, a segment or a campaign; marketing acknowledged
the older ones and replied to about ten. Made once: nothing is added when any note exists.
"""

import datetime
import random

from django.utils import timezone

from alignment.models import Person
from leads.models import Campaign, Lead, Segment, Stage
from relationships.models import FieldNote
from relationships.notes import services
from relationships.notes.demo_texts import LEAD, NOTES, REPLIES, SEGMENT, WEEKS

ACKNOWLEDGERS = ["marketeer", "lotte", "manager-marketing"]
# Notes younger than this are mostly still waiting for marketing.
FRESH_DAYS = 10


def seed(*, rng: random.Random, people: dict[str, Person]) -> None:
    if FieldNote.objects.exists() or not all(author in people for _k, author, *_ in NOTES):
        return
    now = timezone.now()
    notes = []
    for number, (kind, author, text, tie) in enumerate(NOTES):
        posted = _posted_at(now, number, rng)
        about = _about(tie, people[author], posted, rng)
        notes.append(
            services.post_field_note(
                author=people[author], kind=kind, text=text, now=posted, **about
            )
        )
    replied = set()
    for number, replier, text, answer in REPLIES:
        note = notes[number]
        at = min(note.created_at + datetime.timedelta(hours=rng.randint(3, 60)), now)
        services.reply_to_field_note(note_id=note.pk, by=people[replier], text=text, now=at)
        if answer:
            later = min(at + datetime.timedelta(hours=rng.randint(1, 20)), now)
            services.reply_to_field_note(note_id=note.pk, by=note.author, text=answer, now=later)
        replied.add(number)
    for number, note in enumerate(notes):
        old = now - note.created_at > datetime.timedelta(days=FRESH_DAYS)
        if number not in replied and old and rng.random() < 0.6:
            at = note.created_at + datetime.timedelta(hours=rng.randint(2, 48))
            by = people[rng.choice(ACKNOWLEDGERS)]
            services.acknowledge_field_note(note_id=note.pk, by=by, now=at)


def _posted_at(now: datetime.datetime, number: int, rng: random.Random) -> datetime.datetime:
    """Spread over the weeks, oldest first, in office hours."""
    days_ago = WEEKS * 7 * (len(NOTES) - number) / len(NOTES) - rng.uniform(0, 1.5)
    day = timezone.localtime(now - datetime.timedelta(days=max(days_ago, 0)))
    posted = day.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=0)
    return min(posted, now - datetime.timedelta(minutes=5))


def _about(tie, author: Person, posted: datetime.datetime, rng: random.Random) -> dict:
    if tie is None:
        return {}
    what, which = tie
    if what == LEAD:
        stages = [Stage.SQL, Stage.OPPORTUNITY, Stage.WON, Stage.LOST]
        leads = Lead.objects.filter(owner=author, stage__in=stages).order_by("pk")
        lead = leads[rng.randrange(leads.count())] if leads.exists() else None
        return {"lead": lead} if lead else {}
    if what == SEGMENT:
        segment = Segment.objects.filter(name__startswith=which).first()
        return {"segment": segment} if segment else {}
    started = Campaign.objects.filter(
        code__startswith=f"{which}-", start_date__lte=timezone.localdate(posted)
    )
    campaign = started.order_by("-start_date").first()
    return {"campaign": campaign} if campaign else {}
