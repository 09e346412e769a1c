from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput
from leads.campaigns.queries import campaigns_to_choose
from leads.models import Campaign, Lead
from leads.profiles.forms import SegmentFilter
from relationships.models import FieldNote, FieldNoteReply, NoteKind
from relationships.notes import queries


class QuickNoteForm(forms.ModelForm):
    """The few seconds' version, in the top bar and on a lead's page: what and what kind."""

    class Meta:
        model = FieldNote
        fields = ["kind", "text", "lead"]
        widgets = {
            "text": forms.Textarea({"rows": 3}),
            "lead": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = NoteKind.choices  # no empty "-----" choice
        self.fields["kind"].initial = NoteKind.OBJECTION
        self.fields["lead"].queryset = Lead.objects.all()
        self.fields["lead"].error_messages["invalid_choice"] = _("This lead no longer exists.")

    def note_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class FieldNoteForm(QuickNoteForm):
    """The full form: a note may also be about a segment or a campaign."""

    class Meta(QuickNoteForm.Meta):
        fields = ["kind", "text", "segment", "campaign", "lead"]
        widgets = {**QuickNoteForm.Meta.widgets, "text": forms.Textarea({"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = queries.segment_choices()
        self.fields["campaign"].queryset = campaigns_to_choose(keep=self.instance.campaign_id)
        self.fields["segment"].empty_label = _("No particular segment")
        self.fields["campaign"].empty_label = _("No particular campaign")


class ReplyForm(forms.ModelForm):
    class Meta:
        model = FieldNoteReply
        fields = ["text"]
        widgets = {"text": forms.Textarea({"rows": 2})}
        labels = {"text": _("Your reply")}


STATES = [
    ("", _("Acknowledged or not")),
    ("open", _("Waiting for marketing")),
    ("acknowledged", _("Acknowledged")),
]


class NoteFilterForm(forms.Form):
    """The feed's filters, from the query string."""

    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Every type")), *NoteKind.choices]
    )
    segment = SegmentFilter()
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), required=False, queryset=None, empty_label=_("All campaigns")
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=STATES)
    since = forms.DateField(label=_("Posted from"), required=False, widget=DateInput())
    until = forms.DateField(label=_("until"), required=False, widget=DateInput())
    mine = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only campaigns that have notes: the list stays short however many campaigns ran.
        self.fields["campaign"].queryset = (
            Campaign.objects.filter(field_notes__isnull=False).distinct().order_by("-start_date")
        )

    def values(self) -> dict:
        """The valid filters (a stale or hand-made link drops the bad parts)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
