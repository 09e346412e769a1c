"""What a CRM export keeps of a lead's history, read so a migration loses none of it: the
owner (a person of ours, matched by name or email) and the date the lead was created.

Pure: no database. The people come in as plain tuples (leads/intake/queries.owner_index).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from django.utils.translation import gettext as _

# The earliest create date taken as real: older ones are typing errors or placeholders.
EARLIEST = date(1980, 1, 1)


# Owners ---------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Names compared without letter case, accents or extra spaces; "Smit, Jan" is Jan Smit."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    return " ".join(text.lower().split())


@dataclass
class OwnerIndex:
    """The people who may own leads, found by full name, email address or user name."""

    by_key: dict[str, int | None] = field(default_factory=dict)  # None: more than one

    @classmethod
    def of(cls, people: list[tuple[int, str, str, str]]) -> "OwnerIndex":
        """From (id, full name, email, user name) of each person who may own leads."""
        index = cls()
        for pk, name, email, username in people:
            for key in {_key(name), email.strip().lower(), username.strip().lower()} - {""}:
                index.by_key[key] = None if index.by_key.get(key, pk) != pk else pk
        return index

    def find(self, text: str) -> tuple[int | None, str]:
        """(the person's id, "") or (None, why not: for the row's report)."""
        key = _key(text) if "@" not in text else text.strip().lower()
        if key not in self.by_key:
            return None, _(
                "“%(owner)s” is nobody here who can own leads (a salesperson or a sales "
                "manager); the lead stays unassigned."
            ) % {"owner": text.strip()}
        pk = self.by_key[key]
        if pk is None:
            return None, _("“%(owner)s” fits more than one person; the lead stays unassigned.") % {
                "owner": text.strip()
            }
        return pk, ""


# Create dates ---------------------------------------------------------------------------

_ISO = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
_NUMERIC = re.compile(
    r"(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})"
    r"(?:[T ,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)


def day_comes_first(values: list[str]) -> bool:
    """Whether dates like 05/03/2024 in this column are day-first: a day above 12 in
    either place decides; without one, day-first, as the product's users write dates
    (a Dutch spreadsheet, a CRM set to a European locale)."""
    day_first = month_first = False
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match:
            day_first |= int(match["a"]) > 12
            month_first |= int(match["b"]) > 12
    return day_first or not month_first


def parse_created(value: str, *, day_first: bool, zone: tzinfo) -> datetime | None:
    """A create date as CRMs export it (ISO, day-month-year or month-day-year, with or
    without a time, 12- or 24-hour); a time without a zone is the office's. None: not a
    date."""
    text = value.strip()
    try:
        if match := _ISO.fullmatch(text):
            parts = (int(match["y"]), int(match["m"]), int(match["d"]))
        elif match := _NUMERIC.fullmatch(text):
            first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
            year += 2000 if year < 100 else 0
            parts = (year, second, first) if day_first else (year, first, second)
        else:
            return None
        moment = datetime.combine(date(*parts), _time_of(match))
    except ValueError:  # 31-02-2024, 25:00
        return None
    offset = match.groupdict().get("tz")
    if offset:
        stamp = moment.isoformat() + ("+00:00" if offset == "Z" else offset)
        return datetime.fromisoformat(stamp)
    return moment.replace(tzinfo=zone)


def _time_of(match: re.Match) -> time:
    if not match["H"]:
        return time(0)
    hour = int(match["H"])
    ampm = (match.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        raise ValueError("hour of a 12-hour clock")
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return time(hour, int(match["M"]), int(match["S"] or 0))


def check_created(
    value: str, *, day_first: bool, zone: tzinfo, now: datetime
) -> tuple[datetime | None, str]:
    """(the create date to keep, "") or (None, why not: the import time is kept)."""
    moment = parse_created(value, day_first=day_first, zone=zone)
    text = value.strip()
    if moment is None:
        return None, _("“%(value)s” is not a date we can read; the import date is kept.") % {
            "value": text[:40]
        }
    if moment > now:
        return None, _("“%(value)s” lies in the future; the import date is kept.") % {"value": text}
    if moment.date() < EARLIEST:
        return None, _("“%(value)s” lies before 1980; the import date is kept.") % {"value": text}
    return moment, ""
