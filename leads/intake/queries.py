"""Reads of the lead records: the list with its filters and sorts, the export, duplicates,
imports and API tokens."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from alignment.pagination import Page, paginate
from alignment.tokens import hash_token
from leads.models import ApiToken, Campaign, ImportJob, Lead
from leads.profiles.scoring import FIT_BANDS

PAGE_SIZE = 25
# Counting every match of a filter over a million rows costs more than the page itself;
# the list says "more than 1,000" instead.
COUNT_CAP = 1000

SORTS = {
    "newest": ["-created_at", "-id"],
    "oldest": ["created_at", "id"],
    "fit": ["-fit__score", "-id"],
    "name": ["last_name", "first_name", "id"],
    "company": ["company", "id"],
}


@dataclass
class LeadFilter:
    stage: str = ""
    segment: int | None = None
    owner: int | None = None
    fit: str = ""
    q: str = ""
    sort: str = "newest"
    campaign: int | None = None


def filtered_leads(f: LeadFilter) -> QuerySet[Lead]:
    leads = Lead.objects.all()
    if f.stage:
        leads = leads.filter(stage=f.stage)
    if f.segment:
        leads = leads.filter(fit__segment_id=f.segment)
    if f.owner:
        leads = leads.filter(owner_id=f.owner)
    if f.campaign:
        leads = leads.filter(source_campaign_id=f.campaign)
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
class LeadPage(Page):
    count: int = 0
    count_capped: bool = False


def lead_page(f: LeadFilter, *, number: int = 1) -> LeadPage:
    """One page plus a count capped at COUNT_CAP: two queries whatever the data size."""
    page = paginate(
        filtered_leads(f).select_related("fit__segment", "owner__user"), number, PAGE_SIZE
    )
    capped = filtered_leads(f).order_by()[: COUNT_CAP + 1]
    count = Lead.objects.filter(pk__in=capped.values("pk")).count()
    return LeadPage(
        items=page.items,
        number=number,
        has_next=page.has_next,
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
    ("estimated_value", _("Expected value (€)")),
    ("won_amount", _("Won amount (€)")),
    ("close_date", _("Close date")),
    ("source_campaign__code", _("Campaign")),
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


def campaign_choices() -> QuerySet[Campaign]:
    """The campaigns a lead typed in by hand may come from: those not cancelled."""
    return Campaign.objects.exclude(status=Campaign.Status.CANCELLED).order_by("-start_date")


def campaign_finder() -> Callable[[str], int | None]:
    """For the rows of an import: every campaign by code and by name, looked up in memory
    (one query). A code wins over another campaign's name."""
    known: dict[str, int] = {}
    campaigns = list(Campaign.objects.values_list("pk", "code", "name"))
    for pk, _code, name in campaigns:
        known.setdefault(name.strip().lower(), pk)
    for pk, code, _name in campaigns:
        known[code.lower()] = pk
    return lambda text: known.get(text.strip().lower())


def find_campaign(text: str) -> int | None:
    """One campaign by code (or else by name), for one API request."""
    text = text.strip()
    match = Campaign.objects.filter(Q(code__iexact=text) | Q(name__iexact=text))
    found = sorted(match.values_list("code", "pk"), key=lambda row: row[0].lower() != text.lower())
    return found[0][1] if found else None


def duplicates_of(email: str) -> list[Lead]:
    return list(Lead.objects.filter(email=email.strip().lower()).order_by("-created_at")[:5])


def owner_filter_choices() -> QuerySet[Person]:
    """Everyone who may own leads, for the list's owner filter."""
    return Person.objects.select_related("user").order_by("user__first_name", "user__last_name")


def api_tokens() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("created_by__user").filter(revoked_at=None)


def api_token_for(raw: str) -> ApiToken | None:
    return ApiToken.objects.filter(token_hash=hash_token(raw)).first()


def import_job_for(pk: int, person: Person) -> ImportJob:
    """An import is only visible to whoever uploaded it."""
    return ImportJob.objects.select_related("job").get(pk=pk, created_by=person)
