import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput, not_in_the_past
from relationships.actions import queries
from relationships.models import ActionStatus


class ActionFromStepForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=queries.possible_owners())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = queries.possible_owners()
        self.fields["owner"].label_from_instance = _owner_label

    def clean_due_date(self) -> datetime.date:
        return not_in_the_past(
            self.cleaned_data["due_date"], _("The due date cannot be in the past.")
        )


def _owner_label(person) -> str:
    return f"{person.name} ({person.team})"


class ActionFilterForm(forms.Form):
    """?mine=1 and ?status= of the action-item list."""

    mine = forms.BooleanField(required=False)
    status = forms.ChoiceField(choices=ActionStatus.choices, required=False)

    def values(self) -> tuple[bool, str]:
        if not self.is_valid():
            return False, ActionStatus.OPEN
        return self.cleaned_data["mine"], self.cleaned_data["status"] or ActionStatus.OPEN
