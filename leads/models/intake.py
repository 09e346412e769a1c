"""The records of intake: uploaded CSV files between their steps, API tokens, and the
first answers to API requests with an idempotency key."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from leads.models.leads import BackgroundJob, Lead


class ImportJob(models.Model):
    """An uploaded CSV between its steps. The file lives in the database, not in MEDIA, so
    a Celery worker on another host reads it without a shared volume; it is capped in size
    and deleted with the job."""

    class Mode(models.TextChoices):
        # The valid rows first and by default: what HubSpot's and Salesforce's imports do,
        # so what people moving from a CRM expect (README, "CSV import").
        VALID_ROWS = "valid", _("Import the valid rows, download the rejected ones")
        ALL_OR_NOTHING = "all", _("All or nothing: import only when every row is valid")

    class Duplicates(models.TextChoices):
        SKIP = "skip", _("Skip leads whose email already exists")
        UPDATE = "update", _("Update leads whose email already exists")

    created_by = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    encoding = models.CharField(max_length=20)
    delimiter = models.CharField(max_length=1)
    headers = models.JSONField(default=list)
    # Counted at upload: the data rows, and per column how many of them have a value, so
    # the mapping page says how many leads would lack a field without reading the file.
    row_count = models.PositiveIntegerField(default=0)
    column_filled = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    mode = models.CharField(max_length=5, choices=Mode.choices, default=Mode.VALID_ROWS)
    duplicates = models.CharField(max_length=6, choices=Duplicates.choices, default=Duplicates.SKIP)
    job = models.OneToOneField(BackgroundJob, on_delete=models.SET_NULL, null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejected_csv = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    # What happened to imported rows besides their values: [row, column, note], e.g. an
    # owner who matched nobody (the lead stays unassigned).
    notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("leads:import_mapping", args=[self.pk])


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
    """The lead the first request with an Idempotency-Key made. The unique constraint makes
    a concurrent retry wait for the first transaction and then find its lead."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    lead = models.ForeignKey(Lead, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_once_per_token")
        ]

    def __str__(self) -> str:
        return self.key
