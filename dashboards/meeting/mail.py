"""The meeting's emails: the invitation (with an .ics the calendar understands) and the
minutes, each in the attendee's own language. One email that fails is logged and does
not stop the others."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alignment import ical
from alignment.emails import one_line
from alignment.models import Person
from dashboards.meeting import queries
from dashboards.models import Meeting

logger = logging.getLogger(__name__)


def _send_each(meeting: Meeting, write, people=None) -> int:
    """`write(person)` gives (subject, body, attachments) in the person's language; to the
    attendees, or to `people`."""
    sent = 0
    for person in meeting.attendees.all() if people is None else people:
        if not person.user.email:
            continue
        with translation.override(person.language):
            subject, body, attachments = write(person)
        message = EmailMessage(one_line(subject), body, to=[person.user.email])
        for name, content, mimetype in attachments:
            message.attach(name, content, mimetype)
        try:
            message.send()
        except Exception:
            logger.exception("Meeting %s: the email to person %s failed", meeting.pk, person.pk)
        else:
            sent += 1
    return sent


def invitation_ics(meeting: Meeting, *, cancel_for: list[Person] | None = None) -> str:
    """The invitation to the attendees, or the cancellation to the people in `cancel_for`."""
    link = settings.SITE_URL + meeting.get_absolute_url()
    facilitator = meeting.facilitator
    people = meeting.attendees.all() if cancel_for is None else cancel_for
    return ical.invitation(
        ical.Invitation(
            uid=f"meeting-{meeting.pk}@alignment",
            start=meeting.starts_at,
            end=meeting.starts_at + timedelta(minutes=meeting.minutes_long),
            summary=_("Weekly meeting of marketing and sales"),
            description=_("The agenda is built from the figures: %(link)s") % {"link": link},
            url=link,
            stamp=timezone.now(),
            organizer=(facilitator.name, facilitator.user.email),
            attendees=[(p.name, p.user.email) for p in people if p.user.email],
            sequence=meeting.sequence,
        ),
        cancel=cancel_for is not None,
    )


def send_invitations(meeting_id: int) -> int:
    meeting = queries.meeting(meeting_id)
    link = settings.SITE_URL + meeting.get_absolute_url()

    changed = meeting.sequence > 0

    def write(person: Person):
        when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
        if changed:
            subject = _("Changed: weekly meeting of marketing and sales, %(when)s")
        else:
            subject = _("Invitation: weekly meeting of marketing and sales, %(when)s")
        body = render_to_string(
            "dashboards/meeting/invitation_email.txt",
            {"meeting": meeting, "person": person, "link": link, "when": when, "changed": changed},
        )
        subject %= {"when": when}
        ics = invitation_ics(meeting)
        return subject, body, [("meeting.ics", ics, "text/calendar; method=REQUEST")]

    sent = _send_each(meeting, write)
    Meeting.objects.filter(pk=meeting.pk).update(invited_at=timezone.now())
    return sent


def send_cancellations(meeting_id: int, person_ids: list[int]) -> int:
    """Tell the people taken off an invited meeting's list, with the calendar's cancel."""
    meeting = queries.meeting(meeting_id)
    people = list(Person.objects.filter(pk__in=person_ids).select_related("user"))

    def write(person: Person):
        when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
        subject = _("No longer invited: weekly meeting of marketing and sales, %(when)s")
        body = render_to_string(
            "dashboards/meeting/cancellation_email.txt",
            {"meeting": meeting, "person": person, "when": when},
        )
        ics = invitation_ics(meeting, cancel_for=[person])
        attachment = ("meeting.ics", ics, "text/calendar; method=CANCEL")
        return subject % {"when": when}, body, [attachment]

    return _send_each(meeting, write, people)


def send_minutes(meeting_id: int) -> int:
    meeting = queries.meeting(meeting_id)
    closed = queries.closed_actions(meeting)
    items = queries.with_outcomes(meeting)
    link = settings.SITE_URL + meeting.get_absolute_url() + "minutes/"

    def write(person: Person):
        day = date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")
        subject = _("Minutes: weekly meeting of %(day)s") % {"day": day}
        body = render_to_string(
            "dashboards/meeting/minutes_email.txt",
            {
                "meeting": meeting,
                "items": items,
                "closed_actions": closed,
                "link": link,
                "day": day,
            },  # fmt: skip
        )
        return subject, body, []

    sent = _send_each(meeting, write)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_sent_at=timezone.now())
    return sent
