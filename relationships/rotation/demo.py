"""Demo rotations: one past (with learnings), one now (the demo marketer with sales this
week) and one proposed for next month. Made once."""

import datetime

from django.utils import timezone

from alignment.models import Person
from relationships.models import Rotation, RotationStatus

PAST_LEARNINGS = (
    "Sales belt een lead binnen een uur als hij warm is; bij koude leads gaat veel tijd "
    "verloren aan uitzoeken wie de beslisser is. Wij kunnen de functietitel beter vragen in "
    "onze formulieren. En: klanten noemen onze webinars, maar vragen vooral naar prijzen."
)


def seed() -> None:
    if Rotation.objects.exists():
        return
    people = {
        p.user.username: p
        for p in Person.objects.filter(
            user__username__in=["marketeer", "verkoper", "manager-marketing", "manager-sales"]
        ).select_related("user", "team")
    }
    if len(people) < 4:
        return
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    seller, marketer = people["verkoper"], people["marketeer"]
    _make(seller, "marketing", monday - datetime.timedelta(weeks=10), 11,
          people["marketeer"],
          "Meebouwen aan de voorjaarscampagne; zien hoe leads gescoord worden.",
          people["manager-marketing"], learnings=PAST_LEARNINGS)  # fmt: skip
    _make(marketer, "sales", monday, 11, people["verkoper"],
          "Meeluisteren bij belafspraken en twee klantbezoeken; de bezwaren van klanten noteren.",
          people["manager-sales"])  # fmt: skip
    Rotation.objects.create(
        person=seller, host_team="marketing", starts_on=monday + datetime.timedelta(weeks=5),
        ends_on=monday + datetime.timedelta(weeks=5, days=4), buddy=marketer,
        goals="Een week meedraaien met het contentteam.", created_by=seller,
    )  # fmt: skip


def _make(person, team, start, days, buddy, goals, decider, *, learnings=""):
    Rotation.objects.create(
        person=person, host_team=team, starts_on=start,
        ends_on=start + datetime.timedelta(days=days), buddy=buddy, goals=goals,
        status=RotationStatus.APPROVED, decided_by=decider,
        decided_at=timezone.now() - datetime.timedelta(days=30), created_by=person,
        learnings=learnings,
        learnings_at=timezone.now() - datetime.timedelta(days=3) if learnings else None,
    )  # fmt: skip
