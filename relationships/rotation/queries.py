"""Reads of job rotations: the quarter's calendar, someone's rotation now, and the
learnings the weekly meeting shows."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from relationships.models import Rotation, RotationStatus


def _with_people() -> QuerySet[Rotation]:
    return Rotation.objects.select_related("person__user", "person__team", "buddy__user")


@dataclass
class Calendar:
    start: datetime.date
    end: datetime.date
    weeks: list[datetime.date]  # the Mondays
    rows: list[tuple[Rotation, list[bool]]]  # per rotation: which weeks it covers


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(start: datetime.date) -> datetime.date:
    month = start.month + 3
    first_after = datetime.date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
    return first_after - datetime.timedelta(days=1)


def calendar(day: datetime.date) -> Calendar:
    """The rotations (proposed and approved) of the quarter that contains `day`."""
    start = quarter_start(day)
    end = quarter_end(start)
    monday = start - datetime.timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += datetime.timedelta(days=7)
    rotations = _with_people().filter(
        status__in=[RotationStatus.PROPOSED, RotationStatus.APPROVED],
        starts_on__lte=end,
        ends_on__gte=start,
    )
    rows = [
        (r, [r.starts_on <= week + datetime.timedelta(days=6) and r.ends_on >= week
             for week in weeks])
        for r in rotations.order_by("starts_on", "pk")
    ]  # fmt: skip
    return Calendar(start, end, weeks, rows)


def rotation(pk: int) -> Rotation:
    return _with_people().select_related("decided_by__user").get(pk=pk)


def on_rotation_this_week(today: datetime.date) -> dict[int, Rotation]:
    """Person id → the approved rotation they are on this week (from today to Sunday)."""
    monday = today - datetime.timedelta(days=today.weekday())
    current = Rotation.objects.filter(
        status=RotationStatus.APPROVED,
        starts_on__lte=monday + datetime.timedelta(days=6),
        ends_on__gte=today,
    ).order_by("-starts_on")
    return {rotation.person_id: rotation for rotation in current}


def learnings_between(since: datetime.datetime | None, until: datetime.datetime) -> list[Rotation]:
    rows = _with_people().filter(learnings_at__lt=until).exclude(learnings="")
    if since is not None:
        rows = rows.filter(learnings_at__gte=since)
    return list(rows.order_by("-learnings_at"))


def proposed_count() -> int:
    return Rotation.objects.filter(status=RotationStatus.PROPOSED).count()
