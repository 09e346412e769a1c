"""Reads of the weekly meetings. The agenda page and projector mode run a fixed number of
queries: the meeting with its items, decisions and new actions, then each section's."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from alignment import roles
from alignment.models import Person, Role, TeamCode
from dashboards.meeting import agenda
from dashboards.models import AgendaItem, Decision, Meeting, MeetingAction, Section
from relationships.models import ActionItem, ActionStatus


def _meetings_before(week) -> QuerySet[Meeting]:
    """The meetings of earlier weeks, the latest first (`week` may be an OuterRef)."""
    return Meeting.objects.filter(week__lt=week).order_by("-week")


def meeting_before(week: datetime.date) -> Meeting | None:
    return _meetings_before(week).first()


def meeting_of_week(week: datetime.date) -> Meeting | None:
    return Meeting.objects.filter(week=week).first()


def default_facilitator() -> Person | None:
    """A first meeting is led by a manager of marketing (the handoff starts there)."""
    managers = Person.objects.filter(
        role=Role.MANAGER, team__code=TeamCode.MARKETING, user__is_active=True
    )
    return managers.order_by("pk").first()


def default_attendees() -> QuerySet[Person]:
    """Everyone active in marketing and sales, the customer director included."""
    return roles.funnel_people().select_related("user")


def meetings(*, upcoming: bool, today: datetime.date) -> QuerySet[Meeting]:
    this_week = today - datetime.timedelta(days=today.weekday())
    rows = Meeting.objects.select_related("facilitator__user")
    if upcoming:
        return rows.filter(week__gte=this_week, closed_at__isnull=True).order_by("week")
    return rows.exclude(week__gte=this_week, closed_at__isnull=True).order_by("-week")


def _items() -> QuerySet[AgendaItem]:
    """Agenda items with their decisions and the action items decided under them."""
    decisions = Decision.objects.select_related("recorded_by__user")
    new_actions = MeetingAction.objects.select_related("action__owner__user")
    return AgendaItem.objects.select_related("meeting").prefetch_related(
        Prefetch("decisions", queryset=decisions), Prefetch("new_actions", queryset=new_actions)
    )


def agenda_item(pk: int) -> AgendaItem:
    return _items().get(pk=pk)


def meeting(pk: int) -> Meeting:
    """One meeting with everything its agenda shows besides the sections' facts."""
    return (
        Meeting.objects.select_related("facilitator__user", "closed_by__user")
        .prefetch_related(
            Prefetch("items", queryset=_items()),
            Prefetch("attendees", queryset=Person.objects.select_related("user", "team")),
        )
        .get(pk=pk)
    )


@dataclass
class Entry:
    """One agenda item with the facts it shows (stored when the meeting is closed). `live`:
    the facts are read from the data by a request of their own (item_facts)."""

    item: AgendaItem
    facts: dict | None
    live: bool = False


def entries(meeting: Meeting) -> list[Entry]:
    """The agenda in its order. A closed meeting's items carry their frozen facts; an open
    meeting's sections are read as the data is now, each by a request of its own (nine
    sections from the whole app in one request took 70 ms and 33 queries)."""
    items = list(meeting.items.all())
    if meeting.is_closed:
        return [Entry(item, item.facts) for item in items]
    return [Entry(item, None, live=_is_live(item)) for item in items]


def _is_live(item: AgendaItem) -> bool:
    """A section of the data that is shown (a free item has its own text)."""
    return not item.hidden and item.section != Section.FREE


def section_item(meeting_id: int, item_id: int) -> AgendaItem:
    """An agenda item with its meeting and when the meeting before it started (`previous_
    start`), what live_facts needs, in one query."""
    before = _meetings_before(OuterRef("meeting__week"))
    items = AgendaItem.objects.select_related("meeting").annotate(
        previous_start=Subquery(before.values("starts_at")[:1])
    )
    return items.get(pk=item_id, meeting_id=meeting_id)


def live_facts(item: AgendaItem, *, now: datetime.datetime | None = None) -> dict | None:
    """A section's facts as the data is now (an open meeting), or as frozen (closed);
    `item` from section_item()."""
    meeting = item.meeting
    if meeting.is_closed:
        return item.facts
    span = agenda.span_of(meeting, item.previous_start, now or timezone.now())
    return agenda.facts_of(meeting, item.section, span)


def with_outcomes(meeting: Meeting) -> list[AgendaItem]:
    """The items under which decisions or action items were recorded (hidden ones too: a
    decision stays a decision), in the agenda's order; `meeting` comes from meeting()."""
    return [item for item in meeting.items.all() if item.decisions.all() or item.new_actions.all()]


def closed_actions(meeting: Meeting) -> list[ActionItem]:
    """Action items closed since the meeting before, up to this one's close."""
    before = meeting_before(meeting.week)
    until = meeting.closed_at or timezone.now()
    since = before.starts_at if before else meeting.starts_at - datetime.timedelta(days=7)
    return list(
        ActionItem.objects.filter(
            status__in=[ActionStatus.DONE, ActionStatus.DROPPED],
            completed_at__gte=since,
            completed_at__lte=until,
        ).select_related("owner__user")
    )
