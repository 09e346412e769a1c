"""Reads of the lead records: the list with its filters and sorts, the export, duplicates,
imports and API tokens."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import F, OrderBy, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.db.models.lookups import Contains, StartsWith
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.email_address import normalise_email
from alignment.models import Person
from alignment.pagination import Page, paginate
from alignment.tokens import hash_token
from leads.intake.crm_history import OwnerIndex
from leads.intake.csv_export import SpreadsheetFormat
from leads.models import ApiToken, Campaign, HandoffAgreement, ImportJob, Lead
from leads.profiles.scoring import FIT_BANDS

PAGE_SIZE = 25
# Counting every match of a filter over a million rows costs more than the page itself;
# the list says "more than 1,000" instead.
COUNT_CAP = 1000

SORTS = {
    "newest": ["-created_at", "-id"],
    "oldest": ["created_at", "id"],
    "fit": ["-fit__score", "-fit__lead"],  # the fit index holds both
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
    if words := f.q.lower().split()[:5]:
        leads = leads.filter(search_matches(words))
    return leads.order_by(*SORTS.get(f.sort, SORTS["newest"]))


# The trigram index finds a word of three letters or more anywhere in the search text; a
# shorter one has no trigram of its own, and a search for it read every lead (a million
# in 0.2 s for "bv"). It matches where a word starts: "bv" finds "Metaal BV", "de" finds
# "de Jong", "nl" the addresses in .nl. The index's trigrams pad a word's start, and it
# takes any character but a letter or digit for a word's edge: the separators below are
# the ones the search text holds (first and last name, email, company), so the index
# hands over hardly a lead that the match then refuses (with the space alone, "nl" read
# every .nl address to find none: 0.3 s).
SHORT_WORD = 3
WORD_EDGES = " .@-"


def search_matches(words: list[str]) -> Q:
    """Leads whose search text holds every word: one of three letters or more anywhere,
    a shorter one where a word starts."""
    text = F("search_text")
    short_text = text
    if any(len(word) >= SHORT_WORD for word in words):
        # The longer words' trigrams narrow the leads; the short word's own index scans
        # would only add candidates to intersect ("de vries" + won: 34 → 82 ms). It is
        # checked on the leads they leave, in an expression the index does not serve.
        short_text = Concat(text, Value(""), output_field=TextField())
    match = Q()
    for word in words:
        if len(word) >= SHORT_WORD:
            match &= Q(Contains(text, word))
        else:
            starts = Q(StartsWith(short_text, word))
            for edge in WORD_EDGES:
                starts |= Q(Contains(short_text, edge + word))
            match &= starts
    return match


@dataclass
class LeadPage(Page):
    count: int = 0
    count_capped: bool = False


def lead_page(f: LeadFilter, *, number: int = 1) -> LeadPage:
    """One page plus a count capped at COUNT_CAP: two to six queries whatever the data size.

    The ids of up to COUNT_CAP + 1 matches come first, in any order (the planner takes the
    most selective index). When that is all of them, the page is those leads in the
    chosen order: a sort of at most a thousand rows. Only a filter that matches more
    walks the sort's index, where matches are usually frequent enough to fill a page
    early; walking it for a rare combination (SAL leads of one salesperson in the smallest
    segment, by name) could read most of a million rows first (bench/lead_list_matrix.py).
    A search's walk is bounded (_walked_page).
    """
    leads = filtered_leads(f)
    ids = list(leads.order_by().values_list("pk", flat=True)[: COUNT_CAP + 1])
    if len(ids) <= COUNT_CAP:
        # Sorted without a LIMIT, so the planner sorts these few instead of walking a sort
        # index in the hope of meeting them early (686 matches by date: 113 ms → 5 ms).
        order = leads.query.order_by
        matches = Lead.objects.filter(pk__in=ids).order_by(*order).values_list("pk", flat=True)
        page = paginate(list(matches), number, PAGE_SIZE)
    else:
        # The walk reads ids alone, so an index that holds the sort and what the filters
        # check serves it without reading a row for every entry it passes (migration 0030).
        page = _walked_page(leads.values_list("pk", flat=True), f, ids, number)
    rows = Lead.objects.select_related("fit__segment", "owner__user").in_bulk(page.items)
    # A lead deleted since its id was read is left out of the page.
    page.items = [rows[pk] for pk in page.items if pk in rows]
    count = len(ids)
    return LeadPage(
        items=page.items,
        number=number,
        has_next=page.has_next,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
    )


# A search's matches can cluster in the sort's order: every "jansen" lies under J, so
# walking the name index to fill a page read 375,000 leads first (0.8 s at a million).
# A walk of this many index entries costs at most ~15 ms, whatever the filters.
SHORT_WALK = 5_000


def _walked_page(leads: QuerySet[Lead], f: LeadFilter, sample: list[int], number: int) -> Page:
    """A page of the ids of a filter with more than COUNT_CAP matches, in the sort's order.

    Walk the sort's index until the page is full, but for a search only its first
    SHORT_WALK entries. When they hold less than the page, the page lies no later than a
    bound: `sample` holds COUNT_CAP + 1 matches, so the page's rows sort no later than
    its (number × PAGE_SIZE + 1)-th. The matches up to the bound are then gathered through
    the search's trigrams and sorted. Without a search the walk stays: gathering a stage's
    or a segment's matches up to the bound cost more than walking to them (0.05 → 0.19 s).
    """
    position = number * PAGE_SIZE
    if not f.q or position >= len(sample):
        return paginate(leads, number, PAGE_SIZE)
    order = list(leads.query.order_by)  # the sort filtered_leads applied
    columns = [name.lstrip("-") for name in order]
    every_lead = filtered_leads(LeadFilter(sort=f.sort)).values_list(*columns)
    for last in every_lead[SHORT_WALK : SHORT_WALK + 1]:  # none if there are no more leads
        # The first column's bound alone as well: the walk of its index stops there.
        head = leads.filter(_before(order[0], last[0], or_equal=True), _up_to(order, last))
        page = paginate(head, number, PAGE_SIZE)
        if page.has_next:
            return page
    # All of the sample, sorted without a LIMIT: with one, the planner walked the index.
    sampled = Lead.objects.filter(pk__in=sample).order_by(*order).values_list(*columns)
    bound = list(sampled)[position]
    gathered = leads.filter(_up_to(order, bound)).order_by(*_unindexed(order))
    return paginate(gathered, number, PAGE_SIZE)


def _up_to(order: list[str], bound: tuple) -> Q:
    """Rows that sort no later than `bound`, the values of the columns of `order`."""
    (*names, last), (*values, last_value) = order, bound
    earlier = _before(last, last_value, or_equal=True)
    for name, value in reversed(list(zip(names, values, strict=True))):
        earlier = _before(name, value) | Q(**{name.lstrip("-"): value}) & earlier
    return earlier


def _before(name: str, value: object, *, or_equal: bool = False) -> Q:
    """Rows before `value` in the order `name` gives: below it, or above it for "-name"."""
    lookup = ("gt" if name.startswith("-") else "lt") + ("e" if or_equal else "")
    return Q(**{f"{name.lstrip('-')}__{lookup}": value})


def _unindexed(order: list[str]) -> list[OrderBy]:
    """The same order with the nulls at the other end (none of these columns is null): no
    index is in that order, so the planner gathers the matches instead of walking one."""
    return [
        F(name[1:]).desc(nulls_last=True) if name.startswith("-") else F(name).asc(nulls_first=True)
        for name in order
    ]


# (path, header, how the value is written): labels rather than codes, numbers and dates as
# the reader's spreadsheet reads them (csv_export.SpreadsheetFormat).
EXPORT_COLUMNS = [
    ("first_name", _("First name"), "text"),
    ("last_name", _("Last name"), "text"),
    ("email", _("Email"), "text"),
    ("phone", _("Phone"), "text"),
    ("company", _("Company"), "text"),
    ("job_title", _("Job title"), "text"),
    ("industry", _("Industry"), "label"),
    ("employees", _("Employees"), "number"),
    ("annual_revenue", _("Annual revenue (€)"), "number"),
    ("country", _("Country"), "label"),
    ("stage", _("Stage"), "label"),
    ("fit__score", _("Fit score"), "number"),
    ("fit__segment__name", _("Segment"), "text"),
    ("owner_name", _("Owner"), "text"),
    ("estimated_value", _("Expected value (€)"), "number"),
    ("won_amount", _("Won amount (€)"), "number"),
    ("close_date", _("Close date"), "date"),
    ("source_campaign__name", _("Campaign"), "text"),
    ("created_at", _("Created"), "datetime"),
]


def export_rows(
    f: LeadFilter, spreadsheet: SpreadsheetFormat
) -> tuple[list[str], Iterator[list[str]]]:
    """The column names in the active language and the filtered leads as rows of text,
    streamed from the database in chunks."""
    header = [str(label) for _path, label, _kind in EXPORT_COLUMNS]
    writers = [_writer(path, kind, spreadsheet) for path, _label, kind in EXPORT_COLUMNS]
    leads = filtered_leads(f).annotate(owner_name=_owner_name())
    rows = leads.values_list(*[path for path, _label, _kind in EXPORT_COLUMNS])
    return header, (
        [write(value) for write, value in zip(writers, row, strict=True)]
        for row in rows.iterator(chunk_size=2000)
    )


def _writer(path: str, kind: str, spreadsheet: SpreadsheetFormat) -> Callable[[object], str]:
    if kind == "label":  # the labels in the active language, looked up once
        labels = {code: str(label) for code, label in Lead._meta.get_field(path).flatchoices}
        return lambda code: labels.get(code, code or "")
    writers = {
        "number": spreadsheet.number,
        "date": spreadsheet.date,
        "datetime": spreadsheet.datetime,
    }
    return writers.get(kind, lambda value: "" if value is None else value)


def _owner_name():
    """The owner as Person.name has it: the full name, else the user name."""
    user = "owner__user__"
    full = Trim(Concat(f"{user}first_name", Value(" "), f"{user}last_name"))
    return Coalesce(NullIf(full, Value("")), f"{user}username")


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


@dataclass
class Duplicate:
    lead: Lead
    same_email: bool  # else the same name at the same company


def possible_duplicates(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    company: str = "",
    exclude: int | None = None,
) -> list[Duplicate]:
    """Leads that may be the same person: the same email address, or the same name at the
    same company (letter case aside). At most five, newest first; one query."""
    email = normalise_email(email)
    match = Q(email=email)
    name = f"{first_name} {last_name}".strip().lower()
    if name and company.strip():
        # The LIKE on search_text ("first last email company") lets the trigram index
        # narrow a million leads down before the exact comparison.
        match |= Q(
            search_text__contains=f"{first_name} {last_name} ".lower(),
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            company__iexact=company.strip(),
        )
    leads = Lead.objects.filter(match)
    if exclude is not None:
        leads = leads.exclude(pk=exclude)
    leads = leads.order_by("-created_at", "-id")[:5]
    return [Duplicate(lead, lead.email == email) for lead in leads]


def owner_index() -> OwnerIndex:
    """Everyone who may own leads, to match a CRM export's owner column (one query)."""
    people = roles.lead_owners().values_list(
        "pk", "user__first_name", "user__last_name", "user__email", "user__username"
    )
    return OwnerIndex.of(
        [(pk, f"{first} {last}", email, user) for pk, first, last, email, user in people]
    )


def agreement_requirements() -> dict[str, list[str]]:
    """The fields the handoff agreements in force require: {field: [which agreements]},
    the company-wide one first, then a segment's by its name (one query)."""
    versions = (
        HandoffAgreement.objects.filter(status=HandoffAgreement.Status.ACTIVE)
        .select_related("segment")
        .order_by(F("segment__name").asc(nulls_first=True))
    )
    required: dict[str, list[str]] = {}
    for agreement in versions:
        scope = agreement.segment.name if agreement.segment else str(_("company-wide"))
        for name in agreement.required_fields:
            required.setdefault(name, []).append(scope)
    return required


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
