"""Leads, their fit to the segments, and the background jobs that write them in bulk.

The fit score is stored per lead (score + segment only, in LeadFit); its explanation is
computed on demand by the pure function in leads/profiles/scoring.py, so nothing has to
be kept in sync.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Value
from django.db.models.functions import Lower, Replace, StrIndex, Substr, Trim
from django.db.models.lookups import LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.email_address import EmailAddressField
from alignment.models import Person


class Stage(models.TextChoices):
    """The lifecycle stages. Who may move a lead between them is in leads/transitions.py."""

    NEW = "new", _("New")
    MQL = "mql", _("MQL")
    SAL = "sal", _("SAL")
    SQL = "sql", _("SQL")
    OPPORTUNITY = "opportunity", _("Opportunity")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    REJECTED = "rejected", _("Rejected")
    RECYCLED = "recycled", _("Recycled")
    DISQUALIFIED = "disqualified", _("Disqualified")


class Source(models.TextChoices):
    FORM = "form", _("Form")
    IMPORT = "import", _("CSV import")
    API = "api", _("API")
    DEMO = "demo", _("Demo data")


# The largest values the lead's columns take: employees is an integer column, the annual
# revenue a bigint of whole euros; the estimated value is numeric(12, 2).
MAX_EMPLOYEES = 2_000_000_000
MAX_REVENUE = 10**12 - 1
# The search's index on Lead.search_text's trigrams and the list's filters on the lead row
# (PostgreSQL only), made by migration 0029.
SEARCH_INDEX = "lead_search_filters"
# The lead list's filters on the lead row (leads.intake.queries.filtered_leads).
LIST_FILTERS = ["stage", "owner", "source_campaign"]


def _by_date(field: str, name: str) -> models.Index:
    """The leads of one value of a list filter, newest first, with the other filters."""
    others = [other for other in LIST_FILTERS if other != field]
    return models.Index(fields=[field, "-created_at", "-id"], include=others, name=name)


# The columns the fit score reads (leads/profiles/scoring_sql.py), for an index that serves
# the scoring alone; tests/test_query_plans.py checks that it does.
SCORED_COLUMNS = [
    "id", "industry", "employees", "annual_revenue", "country", "title_key", "email_domain",
    "competitor_key",
]  # fmt: skip


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing")
    LOGISTICS = "logistics", _("Logistics and transport")
    HEALTHCARE = "healthcare", _("Healthcare")
    RETAIL = "retail", _("Retail and wholesale")
    CONSTRUCTION = "construction", _("Construction")
    FOOD = "food", _("Food and agriculture")
    FINANCE = "finance", _("Financial services")
    IT = "it", _("IT and software")
    ENERGY = "energy", _("Energy and utilities")
    GOVERNMENT = "government", _("Government")
    EDUCATION = "education", _("Education")
    PROFESSIONAL = "professional", _("Professional services")
    OTHER = "other", _("Other")


class Country(models.TextChoices):
    """The countries leads come from; stored as their ISO code."""

    NL = "NL", _("Netherlands")
    BE = "BE", _("Belgium")
    LU = "LU", _("Luxembourg")
    DE = "DE", _("Germany")
    FR = "FR", _("France")
    GB = "GB", _("United Kingdom")
    IE = "IE", _("Ireland")
    DK = "DK", _("Denmark")
    SE = "SE", _("Sweden")
    NO = "NO", _("Norway")
    FI = "FI", _("Finland")
    ES = "ES", _("Spain")
    IT = "IT", _("Italy")
    AT = "AT", _("Austria")
    CH = "CH", _("Switzerland")
    PL = "PL", _("Poland")
    US = "US", _("United States")


# Organisations are recognised by a lead's company name without legal form and punctuation
# ("Van Dijk Metaal B.V." and "van dijk-metaal bv" are "van dijk metaal") and by its email
# domain (relationships/accounts). Both are generated columns with an index, so a million
# leads are grouped and matched by index. The expressions use only functions PostgreSQL and
# SQLite share, immutable ones as PostgreSQL requires in a generated column (no regular
# expressions: SQLite has none). SQLite parses about 25 nested calls at most, so the lists
# below are the common cases, not every legal form there is.
VANISHING = ".'"  # "B.V." is "bv", "Pim's" is "pims"
SEPARATORS = ',-&/()"'  # become spaces
LEGAL_FORMS = ("bv", "nv", "bvba", "vof", "gmbh", "ag", "ltd", "inc", "llc", "plc", "sa", "srl")


class _Padded(models.Func):
    """The text with a space on either side, so a legal form is a whole word anywhere."""

    template = "(' ' || %(expressions)s || ' ')"
    output_field = models.CharField()


def _company_key() -> models.Func:
    text = Lower("company")
    for char in VANISHING:
        text = Replace(text, Value(char), Value(""))
    for char in SEPARATORS:
        text = Replace(text, Value(char), Value(" "))
    text = _Padded(text)
    for form in LEGAL_FORMS:
        text = Replace(text, Value(f" {form} "), Value(" "))
    # Runs of spaces become one without a loop: " " → "<>", "><" vanishes, "<>" → " ".
    # (A name with "<" or ">" in it keeps them; it is still one key for one spelling.)
    text = Replace(Replace(Replace(text, Value(" "), Value("<>")), Value("><"), Value("")),
                   Value("<>"), Value(" "))  # fmt: skip
    return Trim(text)


def _email_domain() -> models.Func:
    return Lower(Substr("email", StrIndex("email", Value("@")) + Value(1)))


# The segment editor's preview scores a fixed sample of the leads: those whose slot is below
# k, for k slots of SAMPLE_SLOTS. id × 717 mod 1,000 gives slot j to the ids that end in
# 53 × j (mod 1,000), so any first k slots are spread evenly over the ids instead of being
# runs of consecutive leads (one import, one campaign).
SAMPLE_SLOTS = 1000
# The index lead_preview_sample holds the leads in the first tenth of the slots with every
# column the scoring reads, so from 200,000 leads on the sample is read from it alone.
INDEXED_SAMPLE_SLOTS = 100


def sample_slot() -> models.Expression:
    return ExpressionWrapper(
        F("id") * Value(717) % Value(SAMPLE_SLOTS), output_field=models.BigIntegerField()
    )


class Lead(models.Model):
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    # Stored in one normal form (alignment/email_address.py: lower case, NFC, the domain in
    # Unicode); not unique: a second lead with the same address is warned about, not
    # refused (a person may come back through another campaign).
    email = EmailAddressField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices, blank=True)
    employees = models.PositiveIntegerField(
        _("employees"), null=True, blank=True, validators=[MaxValueValidator(MAX_EMPLOYEES)]
    )
    annual_revenue = models.PositiveBigIntegerField(
        _("annual revenue (€)"), null=True, blank=True, validators=[MaxValueValidator(MAX_REVENUE)]
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    # First-touch attribution: the campaign that brought the lead in.
    source_campaign = models.ForeignKey(
        "leads.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        db_index=False,  # lead_campaign_created below starts with it
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_leads",
        db_index=False,  # lead_owner_created below starts with it
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.NEW)
    # The deal: its value and dates are recorded on the stage events (the history, see
    # LeadEvent) and the latest are kept here for the lists and sums (leads/campaigns/deals.py).
    estimated_value = models.DecimalField(
        _("expected value (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    close_date = models.DateField(
        _("close date"),
        null=True,
        blank=True,
        help_text=_("The expected close date of an open deal; the day it was won or lost."),
    )
    won_amount = models.DecimalField(
        _("won amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Lower-case "first last email company" for the list's text search; PostgreSQL has a
    # trigram index on it (migration 0002), so a search stays fast at a million leads.
    search_text = models.TextField(editable=False, default="")
    company_key = models.GeneratedField(
        expression=_company_key(), output_field=models.CharField(max_length=200), db_persist=True
    )
    email_domain = models.GeneratedField(
        expression=_email_domain(), output_field=models.CharField(max_length=254), db_persist=True
    )
    # The job title as the profiles' title words are matched, and the company as their
    # competitors are (scoring.py: lower case; the company trimmed), computed once per write
    # instead of once per word, name and profile for every lead scored.
    title_key = models.GeneratedField(
        expression=Lower("job_title"),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    competitor_key = models.GeneratedField(
        expression=Lower(Trim("company")),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        # Filters and sorts of the list have an index each; bench/lead_list.py measures
        # them at a million leads. Fewer indexes also make imports cheaper.
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="lead_created"),
            # A filter's leads by date hold the list's other filters on the lead row, so
            # any combination of them is read from one index alone (PostgreSQL): SAL leads
            # of one salesperson in a segment, 58–61 → 21–24 ms (bench/RESULTS.md).
            _by_date("stage", "lead_stage_created"),
            _by_date("owner", "lead_owner_created"),
            # A campaign's leads arrive together: walking the whole date index for them
            # read most of it (one campaign's 44,550 leads, oldest first: 1.9 s).
            _by_date("source_campaign", "lead_campaign_created"),
            models.Index(fields=["email"], name="lead_email"),
            # The sorts by name and by company hold the filters on the lead row as well, so
            # walking them to fill a page reads the index alone (PostgreSQL; SQLite leaves
            # the INCLUDE out). The date sorts have an index per filter instead.
            models.Index(
                fields=["last_name", "first_name", "id"], include=LIST_FILTERS, name="lead_name"
            ),
            models.Index(fields=["company", "id"], include=LIST_FILTERS, name="lead_company"),
            # The leads of an organisation (relationships/accounts): by name key or domain.
            models.Index(fields=["company_key"], name="lead_company_key"),
            models.Index(fields=["email_domain"], name="lead_email_domain"),
            # ... and their won deals in a period: the key accounts' revenue this year read
            # every won deal of the year by the index below (36 ms at a million leads; 1 ms).
            models.Index(
                fields=["email_domain", "close_date"],
                name="lead_won_domain",
                condition=models.Q(stage="won"),
            ),
            models.Index(
                fields=["company_key", "close_date"],
                name="lead_won_company",
                condition=models.Q(stage="won"),
            ),
            # The preview's sample (SAMPLE_SLOTS) with what scoring reads, as key columns (SQLite
            # has no INCLUDE); bench/segment_preview.py.
            models.Index(
                sample_slot(),
                *map(F, SCORED_COLUMNS),
                name="lead_preview_sample",
                condition=models.Q(LessThan(sample_slot(), INDEXED_SAMPLE_SLOTS)),
            ),
            # The weekly meeting's largest deals in play: open deals by expected value.
            models.Index(
                F("estimated_value").desc(),
                F("id").desc(),
                name="lead_open_deal_value",
                condition=models.Q(stage__in=["sql", "opportunity"]),
            ),
            # Won revenue in a period: won deals by close date, with what the sums per
            # organisation (relationships/accounts) and marketing-sourced revenue (the
            # budget) read, so they need no table rows (as key columns: SQLite has no
            # INCLUDE).
            models.Index(
                fields=[
                    "close_date",
                    "won_amount",
                    "source_campaign",
                    "email_domain",
                    "company_key",
                ],
                name="lead_won_close_sourced",
                condition=models.Q(stage="won"),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("leads:lead_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class LeadFit(models.Model):
    """A lead's fit score and best segment, in a narrow table of their own.

    Derived data, rewritten in bulk whenever a profile changes. Kept off the wide,
    heavily indexed lead row, a rescoring of a million leads writes small rows with three
    index entries each instead of a dozen (see bench/RESULTS.md).
    """

    lead = models.OneToOneField(
        Lead, on_delete=models.CASCADE, primary_key=True, related_name="fit"
    )
    segment = models.ForeignKey(
        "leads.Segment",
        verbose_name=_("segment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fits",
        db_index=False,  # fit_segment_score below starts with it
    )
    score = models.PositiveSmallIntegerField(_("fit score"), default=0)

    class Meta:
        indexes = [
            models.Index(fields=["-score", "-lead"], name="fit_score"),
            # Serves the segment filter, with a fit band and the sort by fit as well.
            models.Index(fields=["segment", "-score", "-lead"], name="fit_segment_score"),
        ]

    def __str__(self) -> str:
        return f"{self.lead_id}: {self.score}"


class FitCount(models.Model):
    """How many leads have each score in each segment: what the segments page shows,
    without a GROUP BY over a million fits on every load.

    Kept by database triggers on LeadFit (migration 0021_fit_counts), so every write
    path — the rescoring's bulk upsert, a single lead's scoring, an import's COPY, a
    deletion, a segment's deletion that clears its fits — keeps it right without
    knowing about it. On PostgreSQL the triggers are per statement and add up the
    changed rows at once: a rescoring of a million leads pays one aggregate, not a
    million updates. One row per score, so any fit band is a sum of rows.
    """

    pk = models.CompositePrimaryKey("segment_key", "score")
    segment_key = models.IntegerField()  # the segment's id; 0: no segment fits
    score = models.PositiveSmallIntegerField()
    leads = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.segment_key}/{self.score}: {self.leads}"


class BackgroundJob(models.Model):
    """A rescoring or an import that runs as a Celery task; the page polls its progress."""

    class Kind(models.TextChoices):
        RESCORE = "rescore", _("Rescoring")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    started_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
