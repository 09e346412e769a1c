"""Setting targets. Two managers editing the same target never overwrite each other: an
edit made on an older version is refused and shows what the other one saved."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from dashboards.kpis import catalogue
from dashboards.kpis.periods import start_of
from dashboards.models import Target
from leads.models import Segment


class TargetConflict(Exception):
    """Someone changed the target after this editor read it; `current` is theirs."""

    def __init__(self, current: Target | None):
        super().__init__(_("Another manager changed this target meanwhile. Nothing was saved."))
        self.current = current


@transaction.atomic
def set_target(
    *,
    kpi: str,
    period: str,
    start: date,
    segment: Segment | None,
    value: Decimal | None,
    joint: bool,
    version: int,
    by: Person,
) -> Target | None:
    """Set (or with no value, remove) a target. `version` is the one the editor read: 0
    when it showed none."""
    roles.require(roles.can_set_targets(by.user))
    if kpi not in catalogue.KPIS or catalogue.KPIS[kpi].listing:
        raise ValueError(kpi)
    start = start_of(period, start)
    current = (
        Target.objects.select_for_update()
        .filter(kpi=kpi, period=period, period_start=start, segment=segment)
        .first()
    )
    if (current.version if current else 0) != version:
        raise TargetConflict(current)
    if value is None:
        if current:
            current.delete()
        return None
    target = current or Target(kpi=kpi, period=period, period_start=start, segment=segment)
    target.value, target.joint = value, joint
    target.version = version + 1
    target.updated_by, target.updated_at = by, timezone.now()
    target.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:  # another manager made this target a moment ago
        raise TargetConflict(
            Target.objects.filter(kpi=kpi, period=period, period_start=start, segment=segment)
            .select_related("updated_by__user")
            .first()
        ) from None
    return target
