"""The lifecycle record (events) and the SLA clocks of handed-off leads.

Every stage change, reassignment, first contact and deadline breach is a LeadEvent: the
lead's timeline and the raw material for every metric. A handed-off lead runs an SlaClock
(accept, then first contact); the clocks sit in their own narrow table with partial indexes
on the open ones, so the periodic breach scan reads only the few clocks still running.
"""

from django.db import models
from django.db.models import F, JSONField, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from leads.models.agreement import HandoffAgreement, RejectionReason
from leads.models.leads import Lead, LeadFit, Stage


class Channel(models.TextChoices):
    CALL = "call", _("Phone call")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")


def running_clocks_by(name: str, key) -> list[models.Index]:
    """Two partial indexes over the running clocks, ordered by `key`, then deadline and
    lead as the queue orders them: one per owner (a salesperson's queue), one for all (the
    sales team's)."""
    running = Q(closed_at__isnull=True)
    order = [key, F("due_at"), F("lead")]
    return [
        models.Index(F("owner"), *order, name=f"clock_open_owner_{name}", condition=running),
        models.Index(*order, name=f"clock_open_{name}", condition=running),
    ]


def fit_of_the_lead() -> models.ForeignObject:
    """The lead's fit row (segment and score), joined on the lead's id straight away, not
    through the lead: the dashboards group millions of rows by segment. No column."""
    return models.ForeignObject(
        LeadFit,
        from_fields=["lead"],
        to_fields=["lead"],
        on_delete=models.DO_NOTHING,
        related_name="+",
        null=True,
    )


class LeadEvent(models.Model):
    """Something that happened to a lead: who, when, from which stage to which, why."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage change")
        REASSIGN = "reassign", _("Reassigned")
        CONTACT = "contact", _("First contact")
        BREACH = "breach", _("Deadline missed")
        VALUE = "value", _("Deal value corrected")
        EDIT = "edit", _("Data corrected")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events", db_index=False)
    fit = fit_of_the_lead()
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
    # The deal as it stood after this event: the expected value and close date of an
    # opportunity, the won amount and close date of a won deal (and of a correction).
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    close_date = models.DateField(null=True, blank=True)
    # An edit's changes as [field, old, new], values as stored (codes, not labels), so the
    # timeline shows them in the reader's language (`changed_fields`).
    # The database default serves the bulk inserts (COPY) of the demo and the benchmarks.
    changes = models.JSONField(default=list, db_default=Value([], JSONField()), blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["lead", "at", "id"], name="event_timeline"),
            # A key account's timeline: the newest stage changes of its leads, from this
            # index alone (1,559 leads: 12 → 6 ms), not from every event of every lead.
            models.Index(
                fields=["lead", "at", "id"],
                name="event_stage_timeline",
                condition=Q(kind="stage"),
            ),
            # "Does this lead have a later rejection / recycle / handoff?": one index probe
            # per lead whatever the planner's statistics. Without them PostgreSQL scanned
            # every later rejection by (to_stage, at) per lead: quadratic, half an hour at a
            # million leads (README, "Performance": plans without statistics).
            models.Index(
                fields=["lead", "to_stage", "at"],
                name="event_lead_stage_lookup",
                condition=Q(to_stage__in=["mql", "rejected", "recycled"]),
            ),
            # Funnel metrics: how many leads reached a stage in a period, and from where.
            models.Index(fields=["to_stage", "at"], name="event_stage_at"),
            # The rejected list filtered by reason or by salesperson, newest first.
            models.Index(
                fields=["reason", "-at"],
                name="event_rejected_reason",
                condition=Q(to_stage="rejected"),
            ),
            models.Index(
                fields=["by", "-at"], name="event_rejected_by", condition=Q(to_stage="rejected")
            ),
            # ... and by both: one salesperson's rejections for one reason, in the list's
            # order to the id, so the walk stops at the page (82 → 2 ms of SQL at a million
            # leads; without the id the planner sorted all 4,078).
            models.Index(
                fields=["by", "reason", "-at", "-id"],
                name="event_rejected_by_reason",
                condition=Q(to_stage="rejected"),
            ),
            # The rejected-leads page's top reasons of the last 90 days: read from this
            # small index alone (30,000 rejections in 90 days at a million leads), not
            # from as many rows of the event table.
            models.Index(
                fields=["at", "reason"],
                name="event_rejection_reasons",
                condition=Q(to_stage="rejected"),
            ),
            # Round robin: who got a lead least recently.
            models.Index(
                fields=["assigned_to", "-at"],
                name="event_assigned",
                condition=Q(assigned_to__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lead_id} {self.kind} {self.from_stage}→{self.to_stage}"

    @staticmethod
    def label_of_reason(reason: str) -> str:
        """A built-in rejection reason in the reader's language; others as written."""
        return str(dict(RejectionReason.choices).get(reason, reason))

    @property
    def reason_label(self) -> str:
        return self.label_of_reason(self.reason)


class SlaClock(models.Model):
    """One agreed deadline on one lead: accept-or-reject after a handoff, first contact
    after acceptance. Closed when the lead leaves the waiting state; met when the agreed
    action happened; breached (once) when the scan found it running past its deadline."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", _("accept or reject")
        FIRST_CONTACT = "first_contact", _("first contact")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="clocks", db_index=False)
    fit = fit_of_the_lead()
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
    # When the clock becomes due soon and urgent (leads/handoff/sla.py, `thresholds`), so
    # the queue filters by urgency in SQL. Empty on clocks closed before they were kept.
    soon_at = models.DateTimeField(null=True, blank=True)
    urgent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    # How the clock closed: the stage the lead moved to, or "contact" for a first contact.
    outcome = models.CharField(max_length=20, blank=True)
    # The lead's expected value, fit score and segment as the queue sorts and filters by
    # them, copied by database triggers (migration 0025) whenever the lead or its fit
    # changes while the clock runs: one index range instead of joining every running clock
    # to its lead (0.1-0.23 s for 27,000 clocks). Never written by the application. -1
    # where the lead has none, so those come last in a plain descending index on both
    # databases (SQLite has no NULLS LAST in an index).
    sort_value = models.DecimalField(max_digits=12, decimal_places=2, default=-1, editable=False)
    sort_fit = models.SmallIntegerField(default=-1, editable=False)
    fit_segment = models.ForeignKey(
        "leads.Segment",
        on_delete=models.DO_NOTHING,
        null=True,
        editable=False,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

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
            # Deadlines missed in a week, for the weekly meeting: only the breached ones.
            models.Index(
                fields=["-breached_at"],
                name="clock_breached",
                condition=Q(breached_at__isnull=False),
            ),
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
            # The queue's "latest handed off first".
            models.Index(
                fields=["owner", "-started_at"],
                name="clock_open_owner_started",
                condition=Q(closed_at__isnull=True),
            ),
            models.Index(
                fields=["-started_at"],
                name="clock_open_started",
                condition=Q(closed_at__isnull=True),
            ),
            # The queue's sorts by value and fit and its segment filter, own and team.
            *running_clocks_by("value", F("sort_value").desc()),
            *running_clocks_by("fit", F("sort_fit").desc()),
            *running_clocks_by("segment", F("fit_segment")),
            # Compliance figures per period.
            models.Index(fields=["kind", "due_at"], name="clock_kind_due"),
        ]

    def __str__(self) -> str:
        return f"{self.lead_id} {self.kind} due {self.due_at:%Y-%m-%d %H:%M}"
