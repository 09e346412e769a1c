"""Segments with their ideal-customer profile (ICP), leads, and the intake records.

The fit score is stored per lead (score + segment only, in LeadFit); its explanation is computed
on demand by the pure function in leads/scoring.py, so nothing has to be kept in sync.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person


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


class Segment(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_segments",
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IdealCustomerProfile(models.Model):
    """Weighted criteria and disqualifiers. A criterion with weight 0 or no values is off.

    Sets are stored normalised (industry codes, upper-case ISO country codes, lower-case
    words, domains and company names) so Python and SQL compare them the same way.
    """

    segment = models.OneToOneField(Segment, on_delete=models.CASCADE, related_name="icp")
    industries = models.JSONField(_("industries"), default=list, blank=True)
    industry_weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    employees_min = models.PositiveIntegerField(_("employees from"), null=True, blank=True)
    employees_max = models.PositiveIntegerField(_("employees up to"), null=True, blank=True)
    employees_weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    revenue_min = models.PositiveBigIntegerField(_("revenue from (€)"), null=True, blank=True)
    revenue_max = models.PositiveBigIntegerField(_("revenue up to (€)"), null=True, blank=True)
    revenue_weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    country_weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    title_words = models.JSONField(_("job title words"), default=list, blank=True)
    title_weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    excluded_email_domains = models.JSONField(_("excluded email domains"), default=list, blank=True)
    competitors = models.JSONField(_("competitors"), default=list, blank=True)
    exclude_other_countries = models.BooleanField(_("disqualify other countries"), default=False)

    class Meta:
        verbose_name = _("ideal-customer profile")
        verbose_name_plural = _("ideal-customer profiles")

    def __str__(self) -> str:
        return str(self.segment)


class Lead(models.Model):
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    # Stored lower-case; not unique: a second lead with the same address is warned about,
    # not refused (a person may come back through another campaign).
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    annual_revenue = models.PositiveBigIntegerField(_("annual revenue (€)"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    # The campaigns model arrives with the campaigns issue; this column is already named
    # source_campaign_id so that issue can turn it into a ForeignKey with an AlterField,
    # keeping the values.
    source_campaign = models.PositiveBigIntegerField(
        _("source campaign"), null=True, blank=True, db_column="source_campaign_id"
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
    estimated_value = models.DecimalField(
        _("estimated value (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Lower-case "first last email company" for the list's text search; PostgreSQL has a
    # trigram index on it (migration 0002), so a search stays fast at a million leads.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        # Filters and sorts of the list have an index each; bench/lead_list.py measures
        # them at a million leads. Fewer indexes also make imports cheaper.
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="lead_created"),
            models.Index(fields=["stage", "-created_at", "-id"], name="lead_stage_created"),
            models.Index(fields=["owner", "-created_at", "-id"], name="lead_owner_created"),
            models.Index(fields=["email"], name="lead_email"),
            models.Index(fields=["last_name", "first_name", "id"], name="lead_name"),
            models.Index(fields=["company", "id"], name="lead_company"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("lead_detail", args=[self.pk])

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
        Segment,
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


class ImportJob(models.Model):
    """An uploaded CSV between its steps. The file lives in the database, not in MEDIA, so
    a Celery worker on another host reads it without a shared volume; it is capped in size
    and deleted with the job."""

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", _("All or nothing: import only when every row is valid")
        VALID_ROWS = "valid", _("Import the valid rows, download the rejected ones")

    class Duplicates(models.TextChoices):
        SKIP = "skip", _("Skip leads whose email already exists")
        UPDATE = "update", _("Update leads whose email already exists")

    created_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    encoding = models.CharField(max_length=20)
    delimiter = models.CharField(max_length=1)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    mode = models.CharField(max_length=5, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    duplicates = models.CharField(max_length=6, choices=Duplicates.choices, default=Duplicates.SKIP)
    job = models.OneToOneField(BackgroundJob, on_delete=models.SET_NULL, null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejected_csv = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("import_mapping", args=[self.pk])


class ApiToken(models.Model):
    """A bearer token for one integration. Only its SHA-256 is kept; the raw token is shown
    once. SHA-256 without salt is enough: the token is 256 random bits, not a password."""

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        expired = self.expires_at is not None and self.expires_at <= timezone.now()
        return self.revoked_at is None and not expired


class IdempotencyRecord(models.Model):
    """The first answer to a request with an Idempotency-Key. The unique constraint makes a
    concurrent retry wait for the first transaction and then replay its answer."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    lead = models.ForeignKey(Lead, on_delete=models.SET_NULL, null=True)
    status_code = models.PositiveSmallIntegerField(default=201)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_once_per_token")
        ]

    def __str__(self) -> str:
        return self.key


# The lifecycle and the handoff agreement live in their own module; importing them here
# keeps `from leads.models import ...` the one place to get any leads model.
from leads.models.lifecycle import (  # noqa: E402
    AgreementApproval,
    Assignment,
    Channel,
    HandoffAgreement,
    LeadEvent,
    RejectionReason,
    SlaClock,
)

__all__ = [
    "AgreementApproval",
    "ApiToken",
    "Assignment",
    "BackgroundJob",
    "Channel",
    "HandoffAgreement",
    "IdealCustomerProfile",
    "IdempotencyRecord",
    "ImportJob",
    "Industry",
    "Lead",
    "LeadEvent",
    "LeadFit",
    "RejectionReason",
    "Segment",
    "SlaClock",
    "Source",
    "Stage",
]
