"""The urgency of a running clock (pure)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from leads.handoff import sla
from leads.handoff.working_hours import WorkingHours

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
DUE = START + timedelta(hours=8)


@pytest.mark.parametrize(
    ("hours_in", "state"),
    [(0, sla.ON_TRACK), (3.9, sla.ON_TRACK), (4.5, sla.SOON), (6.5, sla.URGENT), (8, sla.OVERDUE),
     (9, sla.OVERDUE)],
)  # fmt: skip
def test_state_follows_the_share_of_time_left(hours_in, state):
    now = START + timedelta(hours=hours_in)
    assert sla.status(now=now, started=START, due=DUE, calendar=None).state == state


def test_overdue_counts_the_time_past_the_deadline():
    status = sla.status(now=DUE + timedelta(minutes=90), started=START, due=DUE, calendar=None)
    assert status.hours_left == -1.5
    with translation.override("en"):
        assert status.left_text == "1 h 30 min"
    with translation.override("nl"):
        assert status.left_text == "1 u 30 min"


def test_outside_working_hours_the_clock_stands_still():
    calendar = WorkingHours()
    friday_evening = datetime(2026, 3, 6, 16, tzinfo=UTC)  # 17:00 in Amsterdam
    due = datetime(2026, 3, 9, 16, tzinfo=UTC)  # Monday 17:00 in Amsterdam: 8 working hours
    saturday = datetime(2026, 3, 7, 12, tzinfo=UTC)
    status = sla.status(now=saturday, started=friday_evening, due=due, calendar=calendar)
    assert status.state == sla.ON_TRACK
    assert status.hours_left == 8
    assert status.working_hours


def test_every_state_has_a_text_label_not_only_a_colour():
    assert all(str(label) for label in sla.LABELS.values())


def test_the_time_is_said_as_left_overdue_or_overdue_since_the_deadline():
    calendar = WorkingHours()
    monday = datetime(2026, 3, 9, 8, tzinfo=UTC)  # 9:00 in Amsterdam
    due = datetime(2026, 3, 9, 16, tzinfo=UTC)  # 17:00, the end of the working day

    def said(now: datetime, language: str) -> str:
        status = sla.status(now=now, started=monday, due=due, calendar=calendar)
        with translation.override(language):
            return status.time_text

    assert said(datetime(2026, 3, 9, 13, tzinfo=UTC), "en") == "3 h 00 min left"
    # At night no working time has passed since the deadline: say since when it is overdue.
    night = datetime(2026, 3, 9, 23, tzinfo=UTC)
    assert said(night, "en") == "overdue since Mon 17:00"
    assert said(night, "nl") == "te laat sinds ma 17:00"
    # The next morning the working time past the deadline counts again.
    assert said(datetime(2026, 3, 10, 8, 45, tzinfo=UTC), "en") == "45 min overdue"
    assert said(datetime(2026, 3, 10, 8, 45, tzinfo=UTC), "nl") == "45 min te laat"
