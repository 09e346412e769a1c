from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput
from alignment.models import Person, TeamCode


class RotationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Who"), queryset=None)
    host_team = forms.ChoiceField(label=_("With team"), choices=TeamCode.choices)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())
    buddy = forms.ModelChoiceField(label=_("Buddy in the host team"), queryset=None,
                                   required=False)  # fmt: skip
    goals = forms.CharField(label=_("Goals"), max_length=2000,
                            widget=forms.Textarea({"rows": 3}),
                            help_text=_("What should they see, do and bring back?"))  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = (
            Person.objects.filter(user__is_active=True, team__isnull=False)
            .select_related("user", "team")
            .order_by("team__code", "user__first_name", "user__last_name")
        )
        self.fields["person"].queryset = people
        self.fields["buddy"].queryset = people

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day comes after the first."))
        return data


class LearningsForm(forms.Form):
    learnings = forms.CharField(label=_("What I learned"), max_length=4000,
                                widget=forms.Textarea({"rows": 5}))  # fmt: skip


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class QuarterForm(forms.Form):
    day = forms.DateField(required=False)
