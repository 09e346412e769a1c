from decimal import Decimal

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput
from dashboards.kpis import catalogue
from dashboards.kpis.periods import start_of
from dashboards.models import PeriodKind
from leads.models import Segment
from leads.profiles.forms import SegmentFilter


class TargetScopeForm(forms.Form):
    """Which targets the editor shows: one period (kind and any day in it), one segment."""

    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)
    start = forms.DateField(label=_("Period containing"), required=False, widget=DateInput())
    segment = SegmentFilter(empty_label=_("Whole company"), active_only=True)

    def __init__(self, data: QueryDict, **kwargs):
        # Without a period (or with a bad one) the quarter is shown; the select says so too.
        data = data.copy()
        if data.get("period") not in PeriodKind.values:
            data["period"] = PeriodKind.QUARTER
        super().__init__(data, **kwargs)

    def scope(self, today) -> tuple[str, object, Segment | None]:
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        period = data.get("period") or PeriodKind.QUARTER
        return period, start_of(period, data.get("start") or today), data.get("segment")


class TargetCellForm(forms.Form):
    """One KPI's target, as the editor's row posts it. Rates are typed as percentages."""

    kpi = forms.ChoiceField(choices=[(k.key, k.name) for k in catalogue.CATALOGUE if not k.listing])
    period = forms.ChoiceField(choices=PeriodKind.choices)
    start = forms.DateField()
    segment = forms.ModelChoiceField(queryset=Segment.objects.all(), required=False)
    value = forms.DecimalField(
        label=_("Target"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    joint = forms.BooleanField(label=_("Joint"), required=False)
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean()
        kpi = catalogue.KPIS.get(data.get("kpi"))
        value = data.get("value")
        if kpi and value is not None and kpi.is_rate:
            if value > 1000:
                self.add_error("value", _("A percentage of at most 1,000."))
            else:
                data["value"] = (value / Decimal(100)).quantize(Decimal("0.0001"))
        return data
