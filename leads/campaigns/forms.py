import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.forms import DateInput
from leads.campaigns.queries import SORTS
from leads.models import Campaign, CampaignChannel, Segment, Spend
from leads.profiles.forms import SegmentFilter


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "name",
            "code",
            "channel",
            "segments",
            "start_date",
            "end_date",
            "status",
            "owner",
            "budget",
            "description",
            "offer",
            "talking_points",
            "expected_leads",
        ]
        widgets = {
            "segments": forms.CheckboxSelectMultiple,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea({"rows": 3}),
            "offer": forms.Textarea({"rows": 3}),
            "talking_points": forms.Textarea({"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = roles.campaign_owners()
        self.fields["segments"].queryset = Segment.objects.filter(active=True).order_by("name")

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        others = Campaign.objects.filter(code__iexact=code).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another campaign already has this code."))
        return code


class SpendForm(forms.ModelForm):
    """A cost line of a campaign, or a spend line of sales."""

    class Meta:
        model = Spend
        fields = ["date", "amount", "category", "description", "supplier"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)


class CampaignFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Campaign.Status.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("Any channel")), *CampaignChannel.choices],
    )
    segment = SegmentFilter()
    since = forms.DateField(label=_("Running from"), required=False, widget=DateInput())
    until = forms.DateField(label=_("until"), required=False, widget=DateInput())
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def values(self) -> dict:
        """The valid filters (a stale or hand-made link drops the bad parts)."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
        data["sort"] = data.get("sort") or "start"
        return data


class MonthForm(forms.Form):
    """?month=2027-03 of the campaign calendar."""

    month = forms.DateField(input_formats=["%Y-%m"], required=False)

    def first_day(self) -> datetime.date:
        if self.is_valid() and self.cleaned_data["month"]:
            return self.cleaned_data["month"].replace(day=1)
        return timezone.localdate().replace(day=1)
