import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput, ModelMultipleChoiceField, not_in_the_past
from dashboards.meeting import queries
from dashboards.models import Meeting
from relationships.actions import queries as action_queries


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker (local time, ISO whatever the language)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PlanForm(forms.Form):
    """Which week to plan: any day in it (this week when left out)."""

    week = forms.DateField(label=_("Week of"), required=False, widget=DateInput())


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    attendees = ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=None,  # set per form: the people of marketing and sales
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Invite at least one person.")},
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "minutes_long", "facilitator", "deal_threshold", "attendees"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = queries.default_attendees().order_by("team__code", "user__first_name")
        self.fields["attendees"].queryset = people
        self.fields["facilitator"].queryset = people
        self.fields["minutes_long"].min_value = 15
        self.fields["minutes_long"].max_value = 240
        self.fields["deal_threshold"].min_value = 0


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    body = forms.CharField(label=_("Notes"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class MeetingActionForm(forms.Form):
    title = forms.CharField(label=_("Action item"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = action_queries.possible_owners()

    def clean_due_date(self) -> datetime.date:
        return not_in_the_past(
            self.cleaned_data["due_date"], _("The due date cannot be in the past.")
        )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class HideForm(forms.Form):
    hidden = forms.BooleanField(required=False)
