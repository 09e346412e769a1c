"""The handoff agreement: the versioned contract between marketing and sales, and the
managers' approvals that put a version in force."""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from alignment.models import Person, TeamCode
from leads.models.leads import Lead
from leads.models.profiles import Segment


class Assignment(models.TextChoices):
    ROUND_ROBIN = "round_robin", _("Round robin over the salespeople")
    SEGMENT_OWNER = "segment_owner", _("The owner of the lead's segment")


class RejectionReason(models.TextChoices):
    """The default, actionable reasons; an agreement may add reasons of its own."""

    CANNOT_REACH = "cannot_reach", _("Cannot reach after the agreed attempts")
    WRONG_CONTACT = "wrong_contact", _("Wrong contact data")
    NO_NEED = "no_need", _("No need")
    NO_BUDGET = "no_budget", _("No budget")
    NOT_OUR_PROFILE = "not_our_profile", _("Not our profile")
    DUPLICATE = "duplicate", _("Duplicate")
    OTHER = "other", _("Other (explain in a note)")


# Lead fields an agreement may require before a handoff; their labels are the model's.
REQUIRABLE_FIELDS = ("phone", "company", "job_title", "industry", "employees", "country")


def requirable_field_label(name: str) -> str:
    return str(Lead._meta.get_field(name).verbose_name)


def _weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


def _office_time_zone() -> str:
    return settings.TIME_ZONE


def _default_reasons() -> list[str]:
    return list(RejectionReason.values)


class HandoffAgreement(models.Model):
    """One version of the contract between marketing and sales, company-wide or for one
    segment. A draft takes effect only when both team managers have approved it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        SUPERSEDED = "superseded", _("Superseded")

    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("Empty: the agreement for the whole company."),
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped on every edit of a draft, so an approval of text that changed since the
    # approver read it is refused.
    revision = models.PositiveIntegerField(default=1)
    min_fit_score = models.PositiveSmallIntegerField(
        _("minimum fit score"),
        default=60,
        validators=[MaxValueValidator(100)],
        help_text=_("A lead qualifies for handoff from this fit score (0–100) on."),
    )
    required_fields = models.JSONField(_("required fields"), default=list, blank=True)
    accept_hours = models.PositiveIntegerField(
        _("accept or reject within (hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    first_contact_hours = models.PositiveIntegerField(
        _("first contact within (hours after acceptance)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    working_hours_only = models.BooleanField(_("count working hours only"), default=True)
    work_days = models.JSONField(_("working days"), default=_weekdays, blank=True)
    work_start = models.TimeField(_("working day starts"), default=time(9))
    work_end = models.TimeField(_("working day ends"), default=time(17))
    time_zone = models.CharField(_("time zone"), max_length=60, default=_office_time_zone)
    assignment = models.CharField(
        _("assignment"), max_length=20, choices=Assignment.choices, default=Assignment.ROUND_ROBIN
    )
    salespeople = models.ManyToManyField(
        Person,
        verbose_name=_("salespeople"),
        blank=True,
        related_name="+",
        help_text=_("Round robin over these people; none chosen: every active salesperson."),
    )
    rejection_reasons = models.JSONField(
        _("rejection reasons"), default=_default_reasons, blank=True
    )
    recycle_days = models.PositiveIntegerField(
        _("recycle delay (days)"),
        default=90,
        validators=[MaxValueValidator(3650)],
        help_text=_("A recycled lead may be handed off again after this many days."),
    )
    # The customer's buying cycle as phases (leads/agreement/cycle.py); empty: the default.
    buying_cycle = models.JSONField(_("buying cycle"), default=list, blank=True)
    change_note = models.TextField(_("what changed and why"), blank=True)
    created_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("drafted"), default=timezone.now)
    activated_at = models.DateTimeField(_("in effect since"), null=True, blank=True)

    # The rules a version holds: what a draft copies from the version before it and the
    # editor changes.
    RULE_FIELDS = (
        "min_fit_score",
        "required_fields",
        "accept_hours",
        "first_contact_hours",
        "working_hours_only",
        "work_days",
        "work_start",
        "work_end",
        "time_zone",
        "assignment",
        "rejection_reasons",
        "recycle_days",
        "change_note",
    )

    class Meta:
        verbose_name = _("handoff agreement")
        verbose_name_plural = _("handoff agreements")
        ordering = ["segment_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(segment__isnull=True),
                name="agreement_company_version",
            ),
            models.UniqueConstraint(
                fields=["segment", "version"],
                condition=Q(segment__isnull=False),
                name="agreement_segment_version",
            ),
            # At most one draft and one active version per scope.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(segment__isnull=True, status__in=["draft", "active"]),
                name="agreement_company_one_per_status",
            ),
            models.UniqueConstraint(
                fields=["segment", "status"],
                condition=Q(segment__isnull=False, status__in=["draft", "active"]),
                name="agreement_segment_one_per_status",
            ),
        ]

    def __str__(self) -> str:
        scope = self.segment.name if self.segment_id else _("whole company")
        return f"{scope} · v{self.version}"

    def clean(self) -> None:
        if self.work_start >= self.work_end:
            raise ValidationError({"work_end": _("The working day must end after it starts.")})
        if self.working_hours_only and not self.work_days:
            raise ValidationError({"work_days": _("Choose at least one working day.")})
        unknown = set(self.required_fields) - set(REQUIRABLE_FIELDS)
        if unknown:
            raise ValidationError({"required_fields": _("Unknown field.")})
        if not self.rejection_reasons:
            raise ValidationError({"rejection_reasons": _("Keep at least one rejection reason.")})

    def rules(self) -> dict:
        """Everything a version agrees on: the editor's rules and the buying cycle."""
        return {name: getattr(self, name) for name in (*self.RULE_FIELDS, "buying_cycle")}

    def reason_choices(self) -> list[tuple[str, str]]:
        """(value, label) per rejection reason; built-in ones in the reader's language."""
        labels = dict(RejectionReason.choices)
        return [(code, str(labels.get(code, code))) for code in self.rejection_reasons]

    def work_day_names(self) -> str:
        return ", ".join(str(WEEKDAYS[day]) for day in sorted(self.work_days))

    def required_field_labels(self) -> list[str]:
        return [requirable_field_label(name) for name in self.required_fields]


class AgreementApproval(models.Model):
    """A team manager's yes to one agreement version, on behalf of their team."""

    agreement = models.ForeignKey(
        HandoffAgreement, on_delete=models.CASCADE, related_name="approvals"
    )
    team = models.CharField(_("team"), max_length=20, choices=TeamCode.choices)
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "team"], name="approval_once_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.team}"
