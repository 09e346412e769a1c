"""Key accounts: the organisations behind the leads, the largest customers the teams work
on together, their account teams, yearly revenue goals and joint activities. Their next
steps are action items (relationships.models.actions)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from alignment.text import no_control_characters
from leads.models import Campaign


class KeyKind(models.TextChoices):
    NAME = "name", _("Company name")
    DOMAIN = "domain", _("Email domain")


class Organisation(models.Model):
    """A customer organisation, recognised from its leads' company names and email
    domains (its keys). Managers merge two into one or split a key off into a new one."""

    name = models.CharField(_("name"), max_length=200, validators=[no_control_characters])
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name", "id"], name="organisation_name")]

    def __str__(self) -> str:
        return self.name


class OrganisationKey(models.Model):
    """A normalised company name (Lead.company_key) or an email domain (Lead.email_domain)
    that marks a lead as one of the organisation's. Each key belongs to one organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="keys",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=10, choices=KeyKind.choices)
    value = models.CharField(_("value"), max_length=254)

    class Meta:
        verbose_name = _("organisation key")
        verbose_name_plural = _("organisation keys")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="organisation_key_unique")
        ]

    def __str__(self) -> str:
        return self.value


class KeyAccount(models.Model):
    """A customer marketing and sales work on together: an account team and a plan."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="key_account",
    )  # fmt: skip
    account_manager = models.ForeignKey(
        Person, verbose_name=_("account manager"), on_delete=models.PROTECT, related_name="+"
    )
    marketer = models.ForeignKey(
        Person, verbose_name=_("marketer"), on_delete=models.PROTECT, related_name="+"
    )
    service_contact = models.ForeignKey(
        Person, verbose_name=_("service contact"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    aims = models.TextField(
        _("what we want to reach"), max_length=4000, blank=True,
        help_text=_("The plan in a few sentences: where we want to be with this customer."),
    )  # fmt: skip
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("key account")
        verbose_name_plural = _("key accounts")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def team_ids(self) -> set[int]:
        return {self.account_manager_id, self.marketer_id, self.service_contact_id} - {None}


class ProposedAccount(models.Model):
    """One of the largest customers that were no key account yet, by won revenue over the
    twelve months to `computed_on`: kept by the nightly recognition run (and after a merge
    or split), so the key-account list does not sum every won deal on each visit."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    revenue = models.DecimalField(max_digits=14, decimal_places=2)
    deals = models.PositiveIntegerField()
    computed_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.revenue}"


class RevenueGoal(models.Model):
    """The revenue the account team aims for in one year (won revenue, as everywhere)."""

    account = models.ForeignKey(KeyAccount, on_delete=models.CASCADE, related_name="goals")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("revenue goal (€)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("revenue goal")
        verbose_name_plural = _("revenue goals")
        constraints = [
            models.UniqueConstraint(fields=["account", "year"], name="revenue_goal_once_a_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="revenue_goal_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.year}: {self.amount}"


class ActivityKind(models.TextChoices):
    EVENT = "event", _("Event")
    VISIT = "visit", _("Visit")
    CAMPAIGN = "campaign", _("Campaign")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class AccountActivity(models.Model):
    """Something the teams did together for the account: an event, a visit, a campaign
    aimed at it."""

    account = models.ForeignKey(
        KeyAccount, verbose_name=_("key account"), on_delete=models.CASCADE,
        related_name="activities",
    )  # fmt: skip
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    note = models.TextField(_("note"), max_length=4000, blank=True)
    by = models.ForeignKey(Person, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["account", "-date", "-created_at"], name="account_activity_date")
        ]

    def __str__(self) -> str:
        return self.title
