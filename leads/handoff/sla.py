"""How urgent a running clock is: pure, no database.

The urgency is the share of the agreed time that is left, counted in the agreement's
working hours when it has a calendar: a clock with a quarter of its time left is urgent,
with half left it is due soon. The label is always given as text, so colour is never the
only signal.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leads.handoff.working_hours import WorkingHours, hours_between

OVERDUE, URGENT, SOON, ON_TRACK = "overdue", "urgent", "soon", "on-track"
LABELS = {
    OVERDUE: _("Overdue"),
    URGENT: _("Urgent"),
    SOON: _("Due soon"),
    ON_TRACK: _("On track"),
}


@dataclass(frozen=True)
class ClockStatus:
    state: str
    hours_left: float  # negative when overdue
    working_hours: bool

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


def status(
    *, now: datetime, started: datetime, due: datetime, calendar: WorkingHours | None
) -> ClockStatus:
    left = hours_between(now, due, calendar)
    if due <= now:
        return ClockStatus(OVERDUE, min(left, 0.0), calendar is not None)
    total = hours_between(started, due, calendar) or 1.0
    share = left / total
    state = URGENT if share < 0.25 else SOON if share < 0.5 else ON_TRACK
    return ClockStatus(state, left, calendar is not None)
