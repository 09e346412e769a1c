"""The lifecycle record (events), the handoff agreement and its SLA clocks.

Every stage change, reassignment, first contact and deadline breach is a LeadEvent: the
lead's timeline and the raw material for every metric. A handed-off lead runs an SlaClock
(accept, then first contact); the clocks sit in their own narrow table with partial indexes
on the open ones, so the periodic breach scan reads only the few clocks still running.
"""

from datetime import time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from alignment.models import Person, TeamCode
from leads.models import Lead, Segment, Stage
from leads.working_hours import WorkingHours


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


class Channel(models.TextChoices):
    CALL = "call", _("Phone call")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")


# Lead fields an agreement may require before a handoff, with their labels.
REQUIRED_FIELDS = {
    "phone": _("phone"),
    "company": _("company"),
    "job_title": _("job title"),
    "industry": _("industry"),
    "employees": _("employees"),
    "country": _("country"),
}


def _weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


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
        _("first contact within (hours)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    working_hours_only = models.BooleanField(_("count working hours only"), default=True)
    work_days = models.JSONField(_("working days"), default=_weekdays, blank=True)
    work_start = models.TimeField(_("working day starts"), default=time(9))
    work_end = models.TimeField(_("working day ends"), default=time(17))
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Amsterdam")
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
    change_note = models.TextField(_("what changed and why"), blank=True)
    created_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("drafted"), default=timezone.now)
    activated_at = models.DateTimeField(_("in effect since"), null=True, blank=True)

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
        unknown = set(self.required_fields) - set(REQUIRED_FIELDS)
        if unknown:
            raise ValidationError({"required_fields": _("Unknown field.")})
        if not self.rejection_reasons:
            raise ValidationError({"rejection_reasons": _("Keep at least one rejection reason.")})

    def calendar(self) -> WorkingHours | None:
        """The working-hours calendar the clocks count in, or None for round-the-clock."""
        if not self.working_hours_only:
            return None
        return WorkingHours(
            days=frozenset(self.work_days),
            start=self.work_start,
            end=self.work_end,
            zone=ZoneInfo(self.time_zone),
        )

    def reason_choices(self) -> list[tuple[str, str]]:
        """(value, label) per rejection reason; built-in ones in the reader's language."""
        labels = dict(RejectionReason.choices)
        return [(code, str(labels.get(code, code))) for code in self.rejection_reasons]

    def work_day_names(self) -> str:
        return ", ".join(str(WEEKDAYS[day]) for day in sorted(self.work_days))

    def required_field_labels(self) -> list[str]:
        return [str(REQUIRED_FIELDS[name]) for name in self.required_fields]


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


class LeadEvent(models.Model):
    """Something that happened to a lead: who, when, from which stage to which, why."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage change")
        REASSIGN = "reassign", _("Reassigned")
        CONTACT = "contact", _("First contact")
        BREACH = "breach", _("Deadline missed")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events", db_index=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STAGE)
    by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    at = models.DateTimeField(default=timezone.now)
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    # A rejection reason code (or an agreement's own reason), or a lost reason in words.
    reason = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    # The new owner of a handoff or reassignment; the channel of a first contact; the
    # clock of a breach.
    assigned_to = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    detail = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["lead", "at", "id"], name="event_timeline"),
            # Funnel metrics: how many leads reached a stage in a period, and from where.
            models.Index(fields=["to_stage", "at"], name="event_stage_at"),
            # Round robin: who got a lead least recently.
            models.Index(
                fields=["assigned_to", "-at"],
                name="event_assigned",
                condition=Q(assigned_to__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lead_id} {self.kind} {self.from_stage}→{self.to_stage}"

    @property
    def reason_label(self) -> str:
        return str(dict(RejectionReason.choices).get(self.reason, self.reason))


class SlaClock(models.Model):
    """One agreed deadline on one lead: accept-or-reject after a handoff, first contact
    after acceptance. Closed when the lead leaves the waiting state; met when the agreed
    action happened; breached (once) when the scan found it running past its deadline."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", _("accept or reject")
        FIRST_CONTACT = "first_contact", _("first contact")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="clocks", db_index=False)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    agreement = models.ForeignKey(
        HandoffAgreement, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # The salesperson the clock runs for: the lead's owner, kept here (and moved along on
    # a reassignment) so a queue is one index range, not a join over every running clock.
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    # How the clock closed: the stage the lead moved to, or "contact" for a first contact.
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lead", "kind"],
                condition=Q(closed_at__isnull=True),
                name="clock_one_open_per_kind",
            )
        ]
        indexes = [
            models.Index(fields=["lead", "-started_at"], name="clock_lead"),
            # The breach scan: only running clocks not yet flagged, by deadline.
            models.Index(
                fields=["due_at"],
                name="clock_breach_scan",
                condition=Q(closed_at__isnull=True, breached_at__isnull=True),
            ),
            # The queues: running clocks by deadline.
            models.Index(
                fields=["due_at", "lead"],
                name="clock_open_due",
                condition=Q(closed_at__isnull=True),
            ),
            models.Index(
                fields=["owner", "due_at"],
                name="clock_open_owner_due",
                condition=Q(closed_at__isnull=True),
            ),
            # Compliance figures per period.
            models.Index(fields=["kind", "due_at"], name="clock_kind_due"),
        ]

    def __str__(self) -> str:
        return f"{self.lead_id} {self.kind} due {self.due_at:%Y-%m-%d %H:%M}"
