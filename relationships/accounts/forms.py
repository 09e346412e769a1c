from django import forms
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.forms import DateInput
from alignment.text import no_control_characters
from leads.campaigns.queries import campaigns_to_choose
from relationships.accounts.services import Team
from relationships.actions.forms import NewActionItemForm
from relationships.models import AccountActivity, KeyAccount, RevenueGoal


def _person_label(person) -> str:
    return person.name


class TeamForm(forms.Form):
    account_manager = forms.ModelChoiceField(
        label=_("Account manager"), queryset=roles.account_managers(),
        help_text=_("Someone in sales who leads the account."),
    )  # fmt: skip
    marketer = forms.ModelChoiceField(
        label=_("Marketer"), queryset=roles.account_marketers(),
        help_text=_("Someone in marketing who aims campaigns and events at the account."),
    )  # fmt: skip
    service_contact = forms.ModelChoiceField(
        label=_("Service contact"), queryset=roles.service_contacts(), required=False,
        help_text=_("Optional: who the customer calls once they use what they bought."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, people in [
            ("account_manager", roles.account_managers()),
            ("marketer", roles.account_marketers()),
            ("service_contact", roles.service_contacts()),
        ]:
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = _person_label

    def team(self) -> Team:
        data = self.cleaned_data
        return Team(data["account_manager"], data["marketer"], data["service_contact"])


class PlanForm(forms.Form):
    goal = forms.DecimalField(
        label=_("Revenue goal"), required=False, min_value=0,
        max_digits=RevenueGoal._meta.get_field("amount").max_digits, decimal_places=2,
        help_text=_("Won revenue, as the dashboard counts it. Leave empty for no goal."),
    )  # fmt: skip
    aims = forms.CharField(
        label=KeyAccount._meta.get_field("aims").verbose_name.capitalize(),
        help_text=KeyAccount._meta.get_field("aims").help_text,
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].label = _("Revenue goal for %(year)s (€)") % {"year": year}


class KeyAccountForm(TeamForm, PlanForm):
    """A new key account: its team and its plan."""

    field_order = ["account_manager", "marketer", "service_contact", "goal", "aims"]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = AccountActivity
        fields = ["date", "kind", "title", "campaign", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns_to_choose(keep=self.instance.campaign_id)
        self.fields["campaign"].help_text = _("Optional: the campaign aimed at this account.")


class NextStepForm(NewActionItemForm):
    """A key account's next step: an action item like any other, with the same rules."""

    field_order = ["title", "owner", "due_date", "description"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].label = _("Next step")
        self.fields["description"].label = _("Details")


# Query parameters -----------------------------------------------------------------------------

TIMELINE_STEP = 30
TIMELINE_MAX = 300


class TimelineForm(forms.Form):
    """?entries= of an account's timeline: how many of the newest entries to show."""

    entries = forms.IntegerField(min_value=1, max_value=TIMELINE_MAX, required=False)

    def value(self) -> int:
        if not self.is_valid():
            return TIMELINE_STEP
        return self.cleaned_data["entries"] or TIMELINE_STEP


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or domain")}),
    )  # fmt: skip

    def value(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""


class MergeForm(forms.Form):
    into = forms.IntegerField(min_value=1)


class SplitForm(forms.Form):
    key = forms.IntegerField(min_value=1)
    name = forms.CharField(
        label=_("Name of the new organisation"), max_length=200,
        validators=[no_control_characters],
    )  # fmt: skip
