"""Planning, running and closing the weekly meeting. Only the facilitator or a manager
changes a meeting; a closed meeting does not change any more: its agenda is frozen."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alignment import roles
from alignment.models import Person
from dashboards import tasks
from dashboards.meeting import agenda, queries
from dashboards.models import AgendaItem, Decision, Meeting, MeetingAction, Section
from relationships.actions.services import create_action_item
from relationships.models import ActionSource

CLOSED_MESSAGE = gettext_lazy("This meeting is closed: its agenda and minutes stay as they were.")

# A first meeting, when there is none to copy: Tuesday at 09:30.
FIRST_WEEKDAY, FIRST_TIME = 1, datetime.time(9, 30)


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def plan_meeting(*, week: datetime.date, by: Person | None, invite: bool = True) -> Meeting:
    """The meeting of the week that contains `week`, made when there is none yet: at the
    time, with the facilitator, attendees and deal threshold of the meeting before, and
    the sections in their order; the attendees get an invitation. `by` is None for
    the weekly automatic run."""
    if by is not None:
        roles.require(roles.can_plan_meetings(by.user))
    week = week_of(week)
    existing = Meeting.objects.filter(week=week).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            meeting = _new_meeting(week, by)
    except IntegrityError:  # planned a moment ago by someone else (or the weekly run)
        return Meeting.objects.get(week=week)
    if invite:
        transaction.on_commit(lambda: tasks.send_meeting_invitations.delay(meeting.pk))
    return meeting


def _new_meeting(week: datetime.date, by: Person | None) -> Meeting:
    before = queries.meeting_before(week)
    if before:  # the same weekday and time as the meeting before (across a DST change too)
        usual = timezone.localtime(before.starts_at)
        starts_at = _at(week, usual.weekday(), usual.time().replace(tzinfo=None))
        facilitator, threshold = before.facilitator, before.deal_threshold
        if not facilitator.user.is_active:  # who led it has left: whoever plans leads
            facilitator = by or queries.default_facilitator()
        attendees = list(before.attendees.filter(user__is_active=True))
    else:
        starts_at = _at(week, FIRST_WEEKDAY, FIRST_TIME)
        facilitator, threshold = by or queries.default_facilitator(), Decimal(25_000)
        attendees = list(queries.default_attendees())
    if facilitator is None:
        raise ValidationError(_("There is nobody who could lead the meeting."))
    meeting = Meeting.objects.create(
        week=week, starts_at=starts_at, facilitator=facilitator,
        deal_threshold=threshold, created_by=by,
    )  # fmt: skip
    meeting.attendees.set({*attendees, facilitator})
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=index, section=section)
        for index, section in enumerate(agenda.BUILDERS)
    )
    return meeting


def _at(monday: datetime.date, weekday: int, at: datetime.time) -> datetime.datetime:
    day = monday + datetime.timedelta(days=weekday)
    return timezone.make_aware(datetime.datetime.combine(day, at))


def _lock_open(meeting_id: int, by: Person) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not roles.can_run_meeting(by.user, meeting.facilitator_id):
        raise PermissionDenied
    if meeting.is_closed:
        raise ValidationError(str(CLOSED_MESSAGE))
    return meeting


@transaction.atomic
def update_meeting(*, meeting_id: int, values: dict, by: Person) -> Meeting:
    """Change the meeting's time, length, facilitator, attendees or deal threshold. When
    it was invited already and the time, length or attendees change, everyone gets the
    updated invitation (a higher SEQUENCE, so calendars move the meeting) and whoever was
    taken off the list a cancellation."""
    meeting = _lock_open(meeting_id, by)
    invited_ids = set(meeting.attendees.values_list("pk", flat=True))
    before = _invited_as(meeting, invited_ids)
    for field in ("starts_at", "minutes_long", "facilitator", "deal_threshold"):
        setattr(meeting, field, values[field])
    if week_of(timezone.localdate(meeting.starts_at)) != meeting.week:
        sunday = meeting.week + datetime.timedelta(days=6)
        raise ValidationError(
            _("The meeting stays in its own week: from %(monday)s to %(sunday)s.")
            % {"monday": date_format(meeting.week), "sunday": date_format(sunday)}
        )
    attendees = {*values["attendees"], meeting.facilitator}
    attendee_ids = {person.pk for person in attendees}
    if meeting.invited_at and _invited_as(meeting, attendee_ids) != before:
        meeting.sequence += 1
        _tell_attendees(meeting.pk, removed=sorted(invited_ids - attendee_ids))
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def _tell_attendees(meeting_id: int, *, removed: list[int]) -> None:
    """After the commit: the updated invitation to the attendees, a cancellation to who
    was taken off the list."""
    transaction.on_commit(lambda: tasks.send_meeting_invitations.delay(meeting_id))
    if removed:
        transaction.on_commit(lambda: tasks.send_meeting_cancellations.delay(meeting_id, removed))


def _invited_as(meeting: Meeting, attendee_ids: set[int]) -> tuple:
    """What an invitation tells: a change to any of it sends an updated one."""
    return meeting.starts_at, meeting.minutes_long, attendee_ids


@transaction.atomic
def add_item(*, meeting_id: int, title: str, body: str, by: Person) -> AgendaItem:
    meeting = _lock_open(meeting_id, by)
    last = meeting.items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        meeting=meeting, position=(last or 0) + 1, section=Section.FREE, title=title, body=body
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_item(*, item_id: int, up: bool, by: Person) -> None:
    """Swap the item with its neighbour above (or below); at the top it stays."""
    item = AgendaItem.objects.get(pk=item_id)
    meeting = _lock_open(item.meeting_id, by)
    items = list(meeting.items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def set_hidden(*, item_id: int, hidden: bool, by: Person) -> AgendaItem:
    item = AgendaItem.objects.get(pk=item_id)
    _lock_open(item.meeting_id, by)
    item.hidden = hidden
    item.save(update_fields=["hidden"])
    return item


@transaction.atomic
def record_decision(*, item_id: int, text: str, by: Person) -> Decision:
    item = AgendaItem.objects.get(pk=item_id)
    _lock_open(item.meeting_id, by)
    decision = Decision(item=item, text=text.strip(), recorded_by=by)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def add_action(
    *,
    item_id: int,
    title: str,
    owner: Person,
    due_date: datetime.date,
    by: Person,
    today: datetime.date | None = None,
) -> MeetingAction:
    item = AgendaItem.objects.get(pk=item_id)
    _lock_open(item.meeting_id, by)
    action = create_action_item(
        title=title, owner=owner, due_date=due_date, by=by, source=ActionSource.MEETING,
        today=today,
    )  # fmt: skip
    return MeetingAction.objects.create(item=item, action=action)


@transaction.atomic
def close_meeting(
    *, meeting_id: int, by: Person, now: datetime.datetime | None = None, send: bool = True
) -> Meeting:
    """Freeze every section with the facts it shows now, and send the minutes."""
    meeting = _lock_open(meeting_id, by)
    meeting.closed_at, meeting.closed_by = now or timezone.now(), by
    before = queries.meeting_before(meeting.week)
    span = agenda.span_of(meeting, before and before.starts_at, meeting.closed_at)
    items = list(meeting.items.all())
    for item in items:
        item.facts = agenda.facts_of(meeting, item.section, span)
    AgendaItem.objects.bulk_update(items, ["facts"])
    meeting.save(update_fields=["closed_at", "closed_by"])
    if send:
        transaction.on_commit(lambda: tasks.send_meeting_minutes.delay(meeting.pk))
    return meeting
