import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput, not_in_the_past
from alignment.text import no_control_characters
from relationships.actions import queries
from relationships.models import ActionItem, ActionStatus

OWNER_MESSAGE = _("Choose an active colleague from marketing or sales.")
OWNER_EMPTY_LABEL = _("Choose an owner")


def _owner_label(person) -> str:
    return f"{person.name} ({person.team})"


def _owner_field(field: forms.ModelChoiceField) -> None:
    field.queryset = queries.possible_owners()
    field.label_from_instance = _owner_label
    field.empty_label = OWNER_EMPTY_LABEL
    field.error_messages["invalid_choice"] = OWNER_MESSAGE


class ActionFromStepForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=queries.possible_owners())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, owners: list | None = None, **kwargs) -> None:
        """`owners`: possible_owners() read once for a page with a form per step."""
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        _owner_field(field)
        if owners is not None:  # shown from the list; the queryset still validates
            field.choices = [("", field.empty_label), *((p.pk, _owner_label(p)) for p in owners)]

    def clean_due_date(self) -> datetime.date:
        return not_in_the_past(
            self.cleaned_data["due_date"], _("The due date cannot be in the past.")
        )


class ActionItemForm(forms.ModelForm):
    """The edit page. The due date may stay in the past (an overdue item keeps its date
    until someone moves it); the service refuses moving it into the past."""

    class Meta:
        model = ActionItem
        fields = ["title", "description", "owner", "due_date", "status"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea({"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(no_control_characters)
        _owner_field(self.fields["owner"])
        self.fields["status"].choices = ActionStatus.choices

    def item_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewActionItemForm(forms.ModelForm):
    """An item written down by hand; it starts open and its due date is not in the past."""

    class Meta:
        model = ActionItem
        fields = ["title", "description", "owner", "due_date"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea({"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(no_control_characters)
        _owner_field(self.fields["owner"])

    def clean_due_date(self) -> datetime.date:
        return not_in_the_past(
            self.cleaned_data["due_date"], _("The due date cannot be in the past.")
        )

    def item_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Give it to"), queryset=queries.possible_owners())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _owner_field(self.fields["owner"])


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )


class ActionFilterForm(forms.Form):
    """?mine=1 and ?status= of the action-item list."""

    mine = forms.BooleanField(required=False)
    status = forms.ChoiceField(choices=ActionStatus.choices, required=False)

    def values(self) -> tuple[bool, str]:
        if not self.is_valid():
            return False, ActionStatus.OPEN
        return self.cleaned_data["mine"], self.cleaned_data["status"] or ActionStatus.OPEN
