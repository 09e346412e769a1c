"""Reads of segments and their profiles, and the facts of a lead the score looks at."""

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from leads.models import FitCount, IdealCustomerProfile, Lead, Segment
from leads.profiles import scoring


def profile_of(icp: IdealCustomerProfile) -> scoring.Profile:
    values = {name: getattr(icp, name) for name in scoring.PROFILE_FIELDS}
    return scoring.profile_from(icp.segment_id, values, segment_name=icp.segment.name)


def active_profiles() -> list[scoring.Profile]:
    icps = IdealCustomerProfile.objects.filter(segment__active=True).select_related("segment")
    return [profile_of(icp) for icp in icps.order_by("segment_id")]


def facts_of(lead: Lead) -> scoring.LeadFacts:
    return scoring.LeadFacts(
        email=lead.email,
        company=lead.company,
        job_title=lead.job_title,
        industry=lead.industry,
        employees=lead.employees,
        annual_revenue=lead.annual_revenue,
        country=lead.country,
    )


def _leads_of_segment(scores: Q | None = None) -> Coalesce:
    """The number of leads whose best segment is the outer one (with a score in `scores`),
    from the kept counts: at most a hundred and one rows a segment, whatever the leads."""
    counts = FitCount.objects.filter(scores or Q(), segment_key=OuterRef("pk"))
    counts = counts.values("segment_key")
    return Coalesce(Subquery(counts.annotate(n=Sum("leads")).values("n")), 0)


def segments_overview() -> QuerySet[Segment]:
    return Segment.objects.select_related("icp", "owner__user").annotate(
        lead_count=_leads_of_segment(),
        high_fit=_leads_of_segment(Q(score__gte=scoring.HIGH_FIT)),
    )


def segment_for_editing(pk: int) -> Segment:
    return Segment.objects.select_related("icp").get(pk=pk)


def lead_count() -> int:
    """Every lead has a fit row from the moment it is written, so the kept counts hold
    the number of leads too, without counting a million rows."""
    return FitCount.objects.aggregate(n=Sum("leads", default=0))["n"]
