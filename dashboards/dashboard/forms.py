from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput
from dashboards.models import PeriodKind
from leads.models import Segment
from leads.profiles.forms import SegmentFilter


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, carried in the address so a view can be shared. Without
    any, the current quarter: the period targets are set for."""

    DEFAULT_PERIOD = PeriodKind.QUARTER

    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)
    segment = SegmentFilter(active_only=True)
    day = forms.DateField(label=_("Up to"), required=False, widget=DateInput())

    def __init__(self, data: QueryDict, **kwargs):
        # Without a period (or with a bad one) the quarter is shown; the select says so too.
        data = data.copy()
        if data.get("period") not in PeriodKind.values:
            data["period"] = self.DEFAULT_PERIOD
        super().__init__(data, **kwargs)

    def offer(self, segments: list[Segment]) -> None:
        """Choose from the segments the board has read already (one query less a page);
        the queryset still validates."""
        field = self.fields["segment"]
        field.choices = [("", field.empty_label), *((s.pk, s.name) for s in segments)]

    def values(self) -> tuple:
        """(period, segment or None, day or None); a bad part of a link is left out."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return data.get("period") or self.DEFAULT_PERIOD, data.get("segment"), data.get("day")
