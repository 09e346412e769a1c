"""The weekly sync meeting: one per week, its agenda (sections built from the data and
free items), the decisions taken per item and the action items it made. Closing a
meeting freezes its agenda: each item keeps the facts it showed."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from relationships.models import ActionItem


class Section(models.TextChoices):
    """The fixed sections of an agenda, in their order; FREE is an item typed in."""

    KPIS = "kpis", _("Last week's figures against target")
    FUNNEL = "funnel", _("Funnel movement and missed deadlines")
    REJECTIONS = "rejections", _("Rejected leads and why")
    DEALS = "deals", _("Important deals")
    CAMPAIGNS = "campaigns", _("Campaigns coming up")
    UPDATES = "updates", _("Product updates")
    NOTES = "notes", _("Field notes")
    ACCOUNTS = "accounts", _("Key accounts")
    ACTIONS = "actions", _("Action items")
    FREE = "free", _("Agenda item")


class Meeting(models.Model):
    """The meeting of one week (`week` is its Monday)."""

    week = models.DateField(_("week"), unique=True)
    starts_at = models.DateTimeField(_("starts at"))
    minutes_long = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    facilitator = models.ForeignKey(
        Person, verbose_name=_("facilitator"), on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.ManyToManyField(Person, verbose_name=_("attendees"), related_name="+")
    deal_threshold = models.DecimalField(
        _("important deals from"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(25_000),
        help_text=_("Deals won, lost or in play of at least this value are on the agenda."),
    )
    created_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    invited_at = models.DateTimeField(null=True, blank=True)
    # The invitation's version (iCalendar SEQUENCE): raised when the time, the length or the
    # attendees change after the invitation went out, so calendars take the update.
    sequence = models.PositiveIntegerField(default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-week"]

    def __str__(self) -> str:
        return f"{self.week}"

    def get_absolute_url(self) -> str:
        return reverse("dashboards:meeting", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=12, choices=Section.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("notes"), max_length=4000, blank=True)
    hidden = models.BooleanField(default=False)
    # What the section showed when the meeting closed; empty while it is open.
    facts = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "section"],
                condition=~models.Q(section="free"),
                name="agenda_section_once",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.get_section_display()

    @property
    def heading(self) -> str:
        return self.title or str(self.get_section_display())


class Decision(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"), max_length=2000)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class MeetingAction(models.Model):
    """An action item decided in a meeting, under one of its items."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="new_actions")
    action = models.OneToOneField(ActionItem, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.action_id}"
