from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboards.budget.queries import QUARTERS, TEAMS
from leads.models import SpendCategory
from leads.models.campaigns import MAX_MONEY


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)

    def year_or_this(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return timezone.localdate().year


def cell_name(team: str, category: str, quarter: int) -> str:
    return f"{team}-{category}-q{quarter}"


class PlanForm(forms.Form):
    """The year's allocations as a grid: one amount per team, category and quarter."""

    def __init__(self, *args, initial_amounts: dict, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SpendCategory.choices)
        for team in TEAMS:
            for category in SpendCategory.values:
                for quarter in QUARTERS:
                    label = _("%(team)s, %(category)s, Q%(quarter)s") % {
                        "team": team.label,
                        "category": labels[category],
                        "quarter": quarter,
                    }
                    self.fields[cell_name(team, category, quarter)] = forms.DecimalField(
                        label=label,
                        min_value=0,
                        max_value=MAX_MONEY,
                        max_digits=12,
                        decimal_places=2,
                        required=False,
                        initial=initial_amounts.get((team, category, quarter)),
                        widget=forms.NumberInput({"step": "0.01", "class": "amount"}),
                    )

    def amounts(self) -> dict[tuple[str, str, int], object]:
        return {
            (team, category, quarter): self.cleaned_data[cell_name(team, category, quarter)]
            for team in TEAMS
            for category in SpendCategory.values
            for quarter in QUARTERS
        }

    def grid(self) -> list[dict]:
        """Rows of the editor: a team and category with its four quarters' fields."""
        labels = dict(SpendCategory.choices)
        return [
            {
                "team": team,
                "category": labels[category],
                "cells": [self[cell_name(team, category, quarter)] for quarter in QUARTERS],
            }
            for team in TEAMS
            for category in SpendCategory.values
        ]
