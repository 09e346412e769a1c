"""The shared numbers: targets the managers set, the nightly snapshots of every KPI, and
the runs that computed them. The KPIs themselves are defined in code
(dashboards/kpis/catalogue.py); these tables hold their targets and values by key."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from leads.models import Segment


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


VALUE = {"max_digits": 16, "decimal_places": 4}


class Target(models.Model):
    """A target for one KPI in one period (the period starting on `period_start`),
    company-wide or for one segment. A joint target counts for both teams."""

    kpi = models.CharField(_("KPI"), max_length=40)
    period = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.CASCADE, null=True, blank=True
    )
    value = models.DecimalField(
        _("target"), **VALUE, validators=[MinValueValidator(0), MaxValueValidator(10**11)]
    )
    joint = models.BooleanField(
        _("joint target"),
        default=False,
        help_text=_("Counts for both teams: a shared goal and a shared reward."),
    )
    # Bumped on every change, so an edit made on an older version is reported, not saved.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period", "period_start"],
                condition=Q(segment__isnull=True),
                name="target_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["kpi", "period", "period_start", "segment"],
                condition=Q(segment__isnull=False),
                name="target_once_per_segment_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period} {self.period_start}: {self.value}"


class Snapshot(models.Model):
    """One KPI's value on one day for the period (week, month, quarter, year) that contains
    it, to date, company-wide or for one segment. `dimension` tells rows of one KPI apart
    that break it down (a rejection reason, a fit band, a campaign)."""

    day = models.DateField()
    period = models.CharField(max_length=10, choices=PeriodKind.choices)
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, null=True, blank=True)
    kpi = models.CharField(max_length=40)
    dimension = models.CharField(max_length=60, blank=True)
    # No value: the KPI has no data in the period (a rate without a denominator).
    value = models.DecimalField(**VALUE, null=True, blank=True)
    numerator = models.DecimalField(**VALUE, null=True, blank=True)
    denominator = models.DecimalField(**VALUE, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "period", "kpi", "dimension"],
                condition=Q(segment__isnull=True),
                name="snapshot_once_company",
            ),
            models.UniqueConstraint(
                fields=["day", "period", "segment", "kpi", "dimension"],
                condition=Q(segment__isnull=False),
                name="snapshot_once_segment",
            ),
        ]
        indexes = [
            # The dashboard: one day's rows of a period, then a KPI's history.
            models.Index(fields=["period", "day", "segment"], name="snapshot_page"),
            models.Index(fields=["kpi", "period", "segment", "day"], name="snapshot_history"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.period} {self.kpi}{self.dimension}: {self.value}"


class SnapshotRun(models.Model):
    """One computation of the snapshots: nightly, on demand, or a backfill."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    first_day = models.DateField()
    last_day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    started_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day} {self.status}"
