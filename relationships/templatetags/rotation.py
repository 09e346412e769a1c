"""Rotation on the who-is-who cards (the alignment app's templates load this library: the
card is alignment's, the rotation relationships'). One query for all cards of a page."""

import datetime

from django import template
from django.utils import timezone

from relationships.models import Rotation
from relationships.rotation import queries

register = template.Library()


@register.simple_tag
def rotations_this_week() -> dict[int, Rotation]:
    """Person id → the approved rotation they are on this week."""
    return queries.on_rotation_this_week(timezone.localdate())


@register.filter
def rotation_of(rotations: dict[int, Rotation], person) -> Rotation | None:
    return rotations.get(person.pk)


@register.filter
def add_days(day: datetime.date, days: int) -> datetime.date:
    return day + datetime.timedelta(days=int(days))
