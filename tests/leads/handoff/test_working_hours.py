from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from leads.handoff.working_hours import WorkingHours, deadline, hours_between

AMS = ZoneInfo("Europe/Amsterdam")
WEEK = WorkingHours()  # Monday to Friday, 9 to 17, Amsterdam


def ams(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


def test_without_a_calendar_every_hour_counts():
    assert deadline(ams(2026, 11, 20, 16), 24) == ams(2026, 11, 21, 16)


def test_within_one_working_day():
    assert deadline(ams(2026, 11, 23, 10), 4, WEEK) == ams(2026, 11, 23, 14)


def test_friday_afternoon_rolls_over_the_weekend():
    # Friday 16:00 + 4 working hours: one hour on Friday, three on Monday from 9:00.
    assert deadline(ams(2026, 11, 20, 16), 4, WEEK) == ams(2026, 11, 23, 12)


def test_handoff_in_the_evening_starts_counting_next_morning():
    assert deadline(ams(2026, 11, 23, 20), 2, WEEK) == ams(2026, 11, 24, 11)


def test_handoff_on_sunday_starts_on_monday():
    assert deadline(ams(2026, 11, 22, 12), 8, WEEK) == ams(2026, 11, 23, 17)


def test_24_working_hours_is_three_working_days():
    assert deadline(ams(2026, 11, 23, 9), 24, WEEK) == ams(2026, 11, 25, 17)


def test_the_clock_follows_daylight_saving_time():
    # 27 March 2026 is a Friday; summer time starts on Sunday 29 March.
    due = deadline(ams(2026, 3, 27, 16), 2, WEEK)
    assert due == ams(2026, 3, 30, 10)
    assert due.utcoffset().total_seconds() == 2 * 3600


def test_a_utc_start_is_read_in_the_calendars_zone():
    start = datetime(2026, 11, 23, 15, tzinfo=UTC)  # 16:00 in Amsterdam
    assert deadline(start, 2, WEEK) == ams(2026, 11, 24, 10)


def test_hours_between_counts_only_working_time():
    assert hours_between(ams(2026, 11, 20, 16), ams(2026, 11, 23, 12), WEEK) == 4
    assert hours_between(ams(2026, 11, 21, 10), ams(2026, 11, 22, 18), WEEK) == 0


def test_hours_between_without_calendar_and_backwards():
    assert hours_between(ams(2026, 11, 23, 10), ams(2026, 11, 23, 13)) == 3
    assert hours_between(ams(2026, 11, 23, 13), ams(2026, 11, 23, 10), WEEK) == -3


@pytest.mark.parametrize("hours", [0.5, 1, 7.75, 8, 13, 40, 100])
def test_deadline_and_hours_between_agree(hours):
    start = ams(2026, 11, 19, 15, 30)
    assert hours_between(start, deadline(start, hours, WEEK), WEEK) == pytest.approx(hours)


def test_a_calendar_needs_days_and_a_start_before_its_end():
    with pytest.raises(ValueError):
        WorkingHours(days=frozenset())
    with pytest.raises(ValueError):
        WorkingHours(start=time(17), end=time(9))
