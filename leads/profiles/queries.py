"""Reads of segments and their profiles, and the facts of a lead the score looks at."""

from django.db.models import Count, Q, QuerySet

from leads.models import IdealCustomerProfile, Lead, Segment
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


def segments_overview() -> QuerySet[Segment]:
    return Segment.objects.select_related("icp", "owner__user").annotate(
        lead_count=Count("fits"),
        high_fit=Count("fits", filter=Q(fits__score__gte=scoring.HIGH_FIT)),
    )


def segment_for_editing(pk: int) -> Segment:
    return Segment.objects.select_related("icp").get(pk=pk)


def lead_count() -> int:
    return Lead.objects.count()
