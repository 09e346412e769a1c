"""iCalendar (RFC 5545): the campaign calendar feed and meeting invitations. Pure: no
database.

A campaign is an all-day event from its start to its end date (DTEND is the day after, as
the format wants); a meeting is an invitation (METHOD:REQUEST) at a time, with its
organizer and attendees.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    """An all-day event: a campaign."""

    uid: str
    start: date
    end: date  # the last day, included
    summary: str
    description: str
    url: str
    stamp: datetime


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never in the
    middle of a UTF-8 character."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > MAX_LINE_OCTETS:
            parts.append(current)
            current = " " + char
        else:
            current += char
    parts.append(current)
    return "\r\n".join(parts)


def _event_lines(event: Event) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{event.stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{event.start.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(event.end + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape(event.summary)}",
        f"DESCRIPTION:{escape(event.description)}",
        f"URL:{event.url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar(name: str, events: Iterable[Event]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Alignment//Campaigns//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


@dataclass(frozen=True)
class Invitation:
    """A meeting at a time, sent to its attendees."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str
    url: str
    stamp: datetime
    organizer: tuple[str, str]  # (name, email)
    attendees: list[tuple[str, str]]
    sequence: int = 0  # raised with every change, so a calendar replaces what it has


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def invitation(meeting: Invitation, *, cancel: bool = False) -> str:
    """The request to attend (or, `cancel`, the notice to the attendees named that they
    are no longer invited: RFC 5546's CANCEL with the same UID and a higher SEQUENCE)."""
    name, email = meeting.organizer
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Alignment//Meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if cancel else "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{_utc(meeting.stamp)}",
        f"DTSTART:{_utc(meeting.start)}",
        f"DTEND:{_utc(meeting.end)}",
        f"SUMMARY:{escape(meeting.summary)}",
        f"DESCRIPTION:{escape(meeting.description)}",
        f"URL:{meeting.url}",
        f"ORGANIZER;CN={_param(name)}:mailto:{email}",
        *[
            f"ATTENDEE;CN={_param(who)};ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{address}"
            for who, address in meeting.attendees
        ],
        *(["STATUS:CANCELLED"] if cancel else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def _param(text: str) -> str:
    """A parameter value (a name): quoted, without the characters a quote cannot hold."""
    return '"' + "".join(c for c in text if c not in '"\r\n') + '"'
