"""How urgent a running clock is: pure, no database.

The urgency is the share of the agreed time that is left, counted in the agreement's
working hours when it has a calendar: a clock with a quarter of its time left is urgent,
with half left it is due soon. Those two moments are fixed when the clock starts
(`thresholds`); they are stored on the clock, so the queue filters by urgency in SQL, and
`status` reads the same moments. The label is always given as text, so colour is never the
only signal.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leads.handoff.working_hours import WorkingHours, deadline, hours_between

OVERDUE, URGENT, SOON, ON_TRACK = "overdue", "urgent", "soon", "on-track"
LABELS = {
    OVERDUE: _("Overdue"),
    URGENT: _("Urgent"),
    SOON: _("Due soon"),
    ON_TRACK: _("On track"),
}


# The share of the agreed time left at which a clock is due soon, and urgent.
SOON_SHARE, URGENT_SHARE = 0.5, 0.25


@dataclass(frozen=True)
class ClockStatus:
    state: str
    hours_left: float  # negative when overdue
    working_hours: bool
    due: datetime | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def left_text(self) -> str:
        """ "3 h 20 min" (or how long overdue), for the time-left column."""
        minutes = round(abs(self.hours_left) * 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return gettext("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
        return gettext("%(minutes)d min") % {"minutes": minutes}

    @property
    def time_text(self) -> str:
        """ "3 h 20 min left", "45 min overdue", or, when no working time has passed since
        the deadline yet (at night, at the weekend), "overdue since Fri 17:00"."""
        if self.state != OVERDUE:
            return gettext("%(left)s left") % {"left": self.left_text}
        if round(abs(self.hours_left) * 60) == 0 and self.due is not None:
            since = date_format(timezone.localtime(self.due), "D H:i")
            return gettext("overdue since %(moment)s") % {"moment": since}
        return gettext("%(left)s overdue") % {"left": self.left_text}


def thresholds(
    *, started: datetime, due: datetime, calendar: WorkingHours | None
) -> tuple[datetime, datetime]:
    """(soon_at, urgent_at): the moments a clock becomes due soon and urgent, when half and
    three quarters of its (working) time have passed."""
    total = hours_between(started, due, calendar)
    if total <= 0:
        return due, due
    soon = deadline(started, total * (1 - SOON_SHARE), calendar)
    urgent = deadline(started, total * (1 - URGENT_SHARE), calendar)
    return soon, urgent


def status(
    *, now: datetime, started: datetime, due: datetime, calendar: WorkingHours | None
) -> ClockStatus:
    left = hours_between(now, due, calendar)
    if due <= now:
        return ClockStatus(OVERDUE, min(left, 0.0), calendar is not None, due)
    soon, urgent = thresholds(started=started, due=due, calendar=calendar)
    state = URGENT if now >= urgent else SOON if now >= soon else ON_TRACK
    return ClockStatus(state, left, calendar is not None, due)
