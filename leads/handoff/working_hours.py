"""The SLA clock: deadlines that count working hours only, when an agreement says so.

Pure functions, no database; the office's time zone is the project's (TIME_ZONE). Without
a calendar every hour counts (a 24-hour deadline is a day later); with one, only the hours
inside the working days and hours count, in the calendar's time zone (so a lead handed
off on Friday at 16:00 with 4 working hours to go is due on Monday at 11:00 for a 9–17
week).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

MONDAY_TO_FRIDAY = frozenset(range(5))


@dataclass(frozen=True)
class WorkingHours:
    days: frozenset[int] = MONDAY_TO_FRIDAY  # 0 is Monday, as datetime.weekday()
    start: time = time(9)
    end: time = time(17)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(settings.TIME_ZONE))

    def __post_init__(self) -> None:
        if not self.days or self.start >= self.end:
            raise ValueError("working hours need at least one day and start before end")

    def windows_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The working windows (start, end) from the day of `moment` on, in order."""
        day = moment.astimezone(self.zone).date()
        while True:
            if day.weekday() in self.days:
                yield self._at(day, self.start), self._at(day, self.end)
            day += timedelta(days=1)

    def _at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone)


def deadline(start: datetime, hours: float, calendar: WorkingHours | None = None) -> datetime:
    """The moment `hours` (working) hours after `start`."""
    if calendar is None:
        return start + timedelta(hours=hours)
    remaining = timedelta(hours=hours)
    for window_start, window_end in calendar.windows_from(start):
        begin = max(start, window_start)
        if begin >= window_end:
            continue
        if begin + remaining <= window_end:
            return begin + remaining
        remaining -= window_end - begin
    raise AssertionError("unreachable: windows_from never ends")


def hours_between(start: datetime, end: datetime, calendar: WorkingHours | None = None) -> float:
    """(Working) hours from `start` to `end`; negative when `end` is before `start`."""
    if end < start:
        return -hours_between(end, start, calendar)
    if calendar is None:
        return (end - start).total_seconds() / 3600
    total = timedelta()
    for window_start, window_end in calendar.windows_from(start):
        if window_start >= end:
            break
        overlap = min(window_end, end) - max(window_start, start)
        if overlap > timedelta():
            total += overlap
    return total.total_seconds() / 3600


def calendar_of(agreement) -> WorkingHours | None:
    """The working-hours calendar an agreement's clocks count in (None: every hour counts)."""
    if not agreement.working_hours_only:
        return None
    return WorkingHours(
        days=frozenset(agreement.work_days),
        start=agreement.work_start,
        end=agreement.work_end,
        zone=ZoneInfo(agreement.time_zone),
    )
