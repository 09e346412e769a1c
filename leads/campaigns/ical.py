"""iCalendar (RFC 5545) for the campaign calendar feed. Pure: no database.

Each campaign is an all-day event from its start to its end date (DTEND is the day after,
as the format wants), with what sales should know as its description.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
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
