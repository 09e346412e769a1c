"""Reads for the leads pages: each page's data comes from one function here."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from leads import scoring
from leads.models import (
    ApiToken,
    BackgroundJob,
    IdealCustomerProfile,
    ImportJob,
    Lead,
    Segment,
)

PAGE_SIZE = 25
# Counting every match of a filter over a million rows costs more than the page itself;
# the list says "more than 1,000" instead.
COUNT_CAP = 1000

FIT_BANDS = {"high": (70, 100), "medium": (40, 69), "low": (0, 39)}
SORTS = {
    "newest": ["-created_at", "-id"],
    "oldest": ["created_at", "id"],
    "fit": ["-fit__score", "-id"],
    "name": ["last_name", "first_name", "id"],
    "company": ["company", "id"],
}


def profile_of(icp: IdealCustomerProfile, segment: Segment) -> scoring.Profile:
    return scoring.Profile(
        segment_id=segment.pk,
        segment_name=segment.name,
        industries=frozenset(icp.industries),
        industry_weight=icp.industry_weight,
        employees_min=icp.employees_min,
        employees_max=icp.employees_max,
        employees_weight=icp.employees_weight,
        revenue_min=icp.revenue_min,
        revenue_max=icp.revenue_max,
        revenue_weight=icp.revenue_weight,
        countries=frozenset(icp.countries),
        country_weight=icp.country_weight,
        title_words=tuple(icp.title_words),
        title_weight=icp.title_weight,
        excluded_email_domains=frozenset(icp.excluded_email_domains),
        competitors=frozenset(icp.competitors),
        exclude_other_countries=icp.exclude_other_countries,
    )


def active_profiles() -> list[scoring.Profile]:
    icps = IdealCustomerProfile.objects.filter(segment__active=True).select_related("segment")
    return [profile_of(icp, icp.segment) for icp in icps.order_by("segment_id")]


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


@dataclass
class LeadFilter:
    stage: str = ""
    segment: int | None = None
    owner: int | None = None
    fit: str = ""
    q: str = ""
    sort: str = "newest"


def filtered_leads(f: LeadFilter) -> QuerySet[Lead]:
    leads = Lead.objects.all()
    if f.stage:
        leads = leads.filter(stage=f.stage)
    if f.segment:
        leads = leads.filter(fit__segment_id=f.segment)
    if f.owner:
        leads = leads.filter(owner_id=f.owner)
    if f.fit in FIT_BANDS:
        low, high = FIT_BANDS[f.fit]
        leads = leads.filter(fit__score__gte=low, fit__score__lte=high)
    elif f.sort == "fit":
        # An inner join (every lead has a fit row) lets the fit index give the order.
        leads = leads.filter(fit__score__gte=0)
    for word in f.q.lower().split()[:5]:
        leads = leads.filter(search_text__contains=word)
    return leads.order_by(*SORTS.get(f.sort, SORTS["newest"]))


@dataclass
class LeadPage:
    leads: list[Lead]
    number: int
    has_next: bool
    count: int
    count_capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def lead_page(f: LeadFilter, *, number: int = 1) -> LeadPage:
    """One page plus a count capped at COUNT_CAP: two queries whatever the data size."""
    leads = filtered_leads(f).select_related("fit__segment", "owner__user")
    start = (number - 1) * PAGE_SIZE
    rows = list(leads[start : start + PAGE_SIZE + 1])
    capped = filtered_leads(f).order_by()[: COUNT_CAP + 1]
    count = Lead.objects.filter(pk__in=capped.values("pk")).count()
    return LeadPage(
        leads=rows[:PAGE_SIZE],
        number=number,
        has_next=len(rows) > PAGE_SIZE,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
    )


EXPORT_COLUMNS = [
    ("first_name", _("First name")),
    ("last_name", _("Last name")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("company", _("Company")),
    ("job_title", _("Job title")),
    ("industry", _("Industry")),
    ("employees", _("Employees")),
    ("annual_revenue", _("Annual revenue (€)")),
    ("country", _("Country")),
    ("stage", _("Stage")),
    ("fit__score", _("Fit score")),
    ("fit__segment__name", _("Segment")),
    ("owner__user__username", _("Owner")),
    ("estimated_value", _("Estimated value (€)")),
    ("created_at", _("Created")),
]


def export_rows(f: LeadFilter) -> tuple[list[str], Iterator[tuple]]:
    """The column names in the active language and the filtered leads as tuples, streamed
    from the database in chunks; the creation time in local time, to the second."""
    paths = [path for path, _label in EXPORT_COLUMNS]
    header = [str(label) for _path, label in EXPORT_COLUMNS]
    rows = filtered_leads(f).values_list(*paths).iterator(chunk_size=2000)
    return header, (_local_created(row) for row in rows)


def _local_created(row: tuple) -> tuple:
    created = timezone.localtime(row[-1]).replace(microsecond=0, tzinfo=None)
    return (*row[:-1], created)


def lead_detail(pk: int) -> Lead:
    return Lead.objects.select_related("fit__segment", "owner__user").get(pk=pk)


def fit_explanations(lead: Lead) -> list[scoring.Fit]:
    """The lead scored against every active segment, best first: the "why" of its score."""
    return scoring.fits(active_profiles(), facts_of(lead))


def duplicates_of(email: str) -> list[Lead]:
    return list(Lead.objects.filter(email=email.strip().lower()).order_by("-created_at")[:5])


def segments_overview() -> QuerySet[Segment]:
    return Segment.objects.select_related("icp", "owner__user").annotate(
        lead_count=Count("fits"),
        high_fit=Count("fits", filter=Q(fits__score__gte=70)),
    )


def people_choices() -> QuerySet[Person]:
    return Person.objects.select_related("user").order_by("user__first_name", "user__last_name")


def api_tokens() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("created_by__user").filter(revoked_at=None)


def jobs_visible_to(person: Person | None) -> QuerySet[BackgroundJob]:
    """Rescores are for everyone who sees leads; an import's job only for whoever started
    it, like the import itself."""
    imports = Q(kind=BackgroundJob.Kind.IMPORT, started_by=person) if person else Q(pk__in=[])
    return BackgroundJob.objects.filter(Q(kind=BackgroundJob.Kind.RESCORE) | imports)


def import_job_for(pk: int, person: Person) -> ImportJob:
    """An import is only visible to whoever uploaded it."""
    return ImportJob.objects.select_related("job").get(pk=pk, created_by=person)
