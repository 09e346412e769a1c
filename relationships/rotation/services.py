"""Job rotations: proposing one, deciding on it, and the learnings afterwards."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.notifications import notify
from relationships.models import Rotation, RotationStatus

MAX_DAYS = 92


@transaction.atomic
def propose(
    *,
    person: Person,
    host_team: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    buddy: Person | None,
    goals: str,
    by: Person,
) -> Rotation:
    if not roles.can_propose_rotation(by.user, person):
        raise PermissionDenied
    Person.objects.select_for_update().get(pk=person.pk)  # one proposal at a time per person
    rotation = Rotation(
        person=person, host_team=host_team, starts_on=starts_on, ends_on=ends_on,
        buddy=buddy, goals=goals.strip(), created_by=by,
    )  # fmt: skip
    _check(rotation)
    rotation.full_clean()
    rotation.save()
    return rotation


def _check(rotation: Rotation) -> None:
    person = rotation.person
    if person.team is not None and person.team.code == rotation.host_team:
        raise ValidationError({"host_team": _("Choose another team than the person's own.")})
    if rotation.ends_on < rotation.starts_on:
        raise ValidationError({"ends_on": _("The last day comes after the first.")})
    if (rotation.ends_on - rotation.starts_on).days >= MAX_DAYS:
        raise ValidationError({"ends_on": _("A rotation lasts at most three months.")})
    if rotation.buddy is not None and (
        rotation.buddy.team is None or rotation.buddy.team.code != rotation.host_team
    ):
        raise ValidationError({"buddy": _("The buddy works in the host team.")})
    overlapping = Rotation.objects.filter(
        person=person,
        status__in=[RotationStatus.PROPOSED, RotationStatus.APPROVED],
        starts_on__lte=rotation.ends_on,
        ends_on__gte=rotation.starts_on,
    )
    if overlapping.exists():
        raise ValidationError(_("This person already has a rotation in that period."))


@transaction.atomic
def decide(*, rotation_id: int, approve: bool, by: Person) -> Rotation:
    rotation = (
        Rotation.objects.select_for_update(of=("self",))
        .select_related("person__team", "buddy")
        .get(pk=rotation_id)
    )
    if not roles.can_decide_rotation(by.user, rotation.person, rotation.host_team):
        raise PermissionDenied
    if rotation.status != RotationStatus.PROPOSED:
        raise ValidationError(_("This rotation was decided on already."))
    rotation.status = RotationStatus.APPROVED if approve else RotationStatus.DECLINED
    rotation.decided_by, rotation.decided_at = by, timezone.now()
    rotation.save(update_fields=["status", "decided_by", "decided_at"])
    params = {"start": rotation.starts_on.isoformat(), "name": rotation.person.name}
    url = rotation.get_absolute_url()
    notify(recipients=[rotation.person], url=url, params=params,
           kind="rotation_approved" if approve else "rotation_declined")  # fmt: skip
    if approve and rotation.buddy:
        notify(recipients=[rotation.buddy], kind="rotation_buddy", params=params, url=url)
    return rotation


@transaction.atomic
def write_learnings(*, rotation_id: int, text: str, by: Person, today=None) -> Rotation:
    rotation = (
        Rotation.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=rotation_id)
    )
    if not roles.can_write_learnings(by.user, rotation.person):
        raise PermissionDenied
    if rotation.status != RotationStatus.APPROVED:
        raise ValidationError(_("Learnings follow an approved rotation."))
    if (today or timezone.localdate()) < rotation.starts_on:
        raise ValidationError(_("Write your learnings once the rotation has started."))
    rotation.learnings = text.strip()
    rotation.learnings_at = timezone.now()
    rotation.full_clean()
    rotation.save(update_fields=["learnings", "learnings_at"])
    return rotation
