"""Writes of segments and their profiles. A changed profile rescores every lead, in the
background."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from leads import tasks
from leads.models import BackgroundJob, IdealCustomerProfile, Segment


def start_rescore(*, by: Person | None) -> BackgroundJob:
    """Queue a rescoring of every lead, after the current transaction commits."""
    job = BackgroundJob.objects.create(kind=BackgroundJob.Kind.RESCORE, started_by=by)
    transaction.on_commit(lambda: tasks.rescore_leads.delay(job.pk))
    return job


@transaction.atomic
def save_segment(
    *,
    segment: Segment | None,
    segment_fields: dict,
    icp_fields: dict,
    by: Person,
    salespeople: Iterable[Person] | None = None,
) -> tuple[Segment, BackgroundJob]:
    """Create or change a segment and its profile, then rescore all leads in the background.

    `salespeople`: who in sales covers the segment (None leaves them as they are)."""
    owner = segment_fields.get("owner")
    if owner is not None and not roles.segment_owners().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("A segment is owned by someone in marketing or sales.")})
    chosen = {person.pk for person in salespeople} if salespeople is not None else None
    if chosen and roles.segment_salespeople().filter(pk__in=chosen).count() != len(chosen):
        raise ValidationError(
            {"salespeople": _("A segment is covered by salespeople or sales managers.")}
        )
    segment = segment or Segment()
    for name, value in segment_fields.items():
        setattr(segment, name, value)
    segment.full_clean()
    segment.save()
    icp = IdealCustomerProfile.objects.filter(segment=segment).first()
    icp = icp or IdealCustomerProfile(segment=segment)
    for name, value in icp_fields.items():
        setattr(icp, name, value)
    icp.full_clean()
    icp.save()
    if chosen is not None:
        segment.salespeople.set(chosen)
    return segment, start_rescore(by=by)
