"""The board's commercial budget, split into allocations for marketing and sales."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person, TeamCode
from leads.models import Segment, SpendCategory
from leads.models.campaigns import MONEY, money_validators


class BudgetAllocation(models.Model):
    """The board's commercial budget, one amount per year, quarter, team and category,
    optionally for one segment. The budget of a year is the sum of its allocations."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    team = models.CharField(
        _("team"),
        max_length=20,
        choices=[
            (TeamCode.MARKETING, TeamCode.MARKETING.label),
            (TeamCode.SALES, TeamCode.SALES.label),
        ],
    )
    category = models.CharField(_("category"), max_length=20, choices=SpendCategory.choices)
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.PROTECT, null=True, blank=True
    )
    amount = models.DecimalField(_("amount (€)"), **MONEY, validators=money_validators())
    updated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("budget allocation")
        verbose_name_plural = _("budget allocations")
        ordering = ["year", "quarter", "team", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "team", "category"],
                condition=Q(segment__isnull=True),
                name="allocation_once_per_cell",
            ),
            models.UniqueConstraint(
                fields=["year", "quarter", "team", "category", "segment"],
                condition=Q(segment__isnull=False),
                name="allocation_once_per_segment_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter} {self.team} {self.category}: {self.amount}"
