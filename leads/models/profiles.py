"""Segments of the market and the ideal-customer profile (ICP) of each.

The profile's attributes are the fields of leads.profiles.scoring.Profile: the pure
scoring function reads them by name (see leads.profiles.queries.profile_of).
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from leads.models.leads import MAX_EMPLOYEES, MAX_REVENUE

# A criterion's weight: 0 (off) to 10.
MAX_WEIGHT = 10


def _weight(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=0, validators=[MaxValueValidator(MAX_WEIGHT)], help_text=_("0 (off) to 10")
    )


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
    # Who in sales covers the segment's leads: salespeople and sales managers
    # (alignment.roles.segment_salespeople; services.save_segment checks it).
    salespeople = models.ManyToManyField(
        Person, verbose_name=_("salespeople"), blank=True, related_name="covered_segments"
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
    industry_weight = _weight(_("weight of industry"))
    employees_min = models.PositiveIntegerField(
        _("employees from"), null=True, blank=True, validators=[MaxValueValidator(MAX_EMPLOYEES)]
    )
    employees_max = models.PositiveIntegerField(
        _("employees up to"), null=True, blank=True, validators=[MaxValueValidator(MAX_EMPLOYEES)]
    )
    employees_weight = _weight(_("weight of employees"))
    revenue_min = models.PositiveBigIntegerField(
        _("revenue from (€)"), null=True, blank=True, validators=[MaxValueValidator(MAX_REVENUE)]
    )
    revenue_max = models.PositiveBigIntegerField(
        _("revenue up to (€)"), null=True, blank=True, validators=[MaxValueValidator(MAX_REVENUE)]
    )
    revenue_weight = _weight(_("weight of revenue"))
    countries = models.JSONField(_("countries"), default=list, blank=True)
    country_weight = _weight(_("weight of country"))
    title_words = models.JSONField(_("job title words"), default=list, blank=True)
    title_weight = _weight(_("weight of job title"))
    excluded_email_domains = models.JSONField(_("excluded email domains"), default=list, blank=True)
    competitors = models.JSONField(_("competitors"), default=list, blank=True)
    exclude_other_countries = models.BooleanField(_("disqualify other countries"), default=False)

    class Meta:
        verbose_name = _("ideal-customer profile")
        verbose_name_plural = _("ideal-customer profiles")

    def __str__(self) -> str:
        return str(self.segment)
