"""Campaigns, what they cost and what else is spent from the shared commercial budget.

Money is Decimal end to end. A campaign's figures that its list sorts by (leads, won deals,
won revenue, cost) are kept on the campaign as a cache, recomputed from the leads and the
spend by leads/campaigns/stats.py whenever they change: the list then sorts two thousand
campaigns by ROI without counting a million leads.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person, TeamCode
from leads.models.profiles import Segment

# The largest amount a money column holds: numeric(12, 2).
MAX_MONEY = Decimal("9999999999.99")
MONEY = {"max_digits": 12, "decimal_places": 2}


def money_validators(minimum: str = "0") -> list:
    return [MinValueValidator(Decimal(minimum)), MaxValueValidator(MAX_MONEY)]


class CampaignChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    EVENT = "event", _("Event")
    WEBINAR = "webinar", _("Webinar")
    PAID_SEARCH = "paid_search", _("Paid search")
    SOCIAL = "social", _("Social media")
    CONTENT = "content", _("Content")
    PARTNER = "partner", _("Partner")
    TRADE_SHOW = "trade_show", _("Trade show")
    OTHER = "other", _("Other")


class SpendCategory(models.TextChoices):
    CAMPAIGNS = "campaigns", _("Campaigns")
    EVENTS = "events", _("Events")
    TOOLS = "tools", _("Tools")
    PEOPLE = "people", _("People")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


def return_on(cost: Decimal, revenue: Decimal) -> Decimal | None:
    """The return on investment: (revenue − cost) / cost; no figure while nothing was spent.
    The one definition for campaigns and the teams' budgets (the campaign list sorts by the
    same formula in SQL, campaigns.queries._with_roi)."""
    return (revenue - cost) / cost if cost else None


class Campaign(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("code"),
        max_length=30,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                _("Letters, digits, dots, dashes and underscores; start with a letter or digit."),
            )
        ],
        help_text=_("Short and unique, e.g. WEB-2027-03: imports and the API use it."),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=CampaignChannel.choices)
    segments = models.ManyToManyField(
        Segment, verbose_name=_("segments"), blank=True, related_name="campaigns"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    budget = models.DecimalField(
        _("budget (€)"), **MONEY, default=Decimal(0), validators=money_validators()
    )
    description = models.TextField(_("description"), blank=True)
    # What sales should know.
    offer = models.TextField(
        _("offer or promotion"),
        blank=True,
        help_text=_("What the customer gets, so sales can mention it in their calls."),
    )
    talking_points = models.TextField(_("talking points"), blank=True)
    expected_leads = models.PositiveIntegerField(
        _("expected number of leads"), null=True, blank=True, validators=[MaxValueValidator(10**7)]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    # A cache of figures computed from the leads and the spend (see the module docstring).
    lead_count = models.PositiveIntegerField(default=0, editable=False)
    won_count = models.PositiveIntegerField(default=0, editable=False)
    won_revenue = models.DecimalField(**MONEY, default=Decimal(0), editable=False)
    cost = models.DecimalField(**MONEY, default=Decimal(0), editable=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="campaign_code_unique"),
        ]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="campaign_period"),
            models.Index(fields=["status", "-start_date"], name="campaign_status_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("leads:campaign_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def roi(self) -> Decimal | None:
        return return_on(self.cost, self.won_revenue)


class Spend(models.Model):
    """Money spent from the commercial budget: a cost line of a campaign (marketing), or a
    spend line entered by sales (events, travel, tools, …). Actual cost is always a sum of
    these, never a typed total."""

    team = models.CharField(_("team"), max_length=20, choices=TeamCode.choices)
    category = models.CharField(_("category"), max_length=20, choices=SpendCategory.choices)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="costs",
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (€)"), **MONEY, validators=money_validators("0.01"))
    description = models.CharField(_("description"), max_length=200)
    supplier = models.CharField(_("supplier"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        Person, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("spend line")
        verbose_name_plural = _("spend lines")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["team", "date"], name="spend_team_date")]
        constraints = [
            # Campaign cost is marketing's; sales enters its own lines without a campaign.
            models.CheckConstraint(
                condition=Q(campaign__isnull=True) | Q(team=TeamCode.MARKETING),
                name="spend_campaign_is_marketing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.description}: {self.amount}"


class CalendarFeed(models.Model):
    """A person's secret address of the campaign calendar (iCalendar), for Outlook or
    Google Calendar, which cannot log in. Only its SHA-256 is kept; a new one revokes it."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.person)
