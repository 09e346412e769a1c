"""The agreement editor: a model form, so its limits and labels are the model's."""

from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.forms import ModelMultipleChoiceField
from leads.agreement import cycle
from leads.models import HandoffAgreement, RejectionReason, Segment, Stage
from leads.models.agreement import REQUIRABLE_FIELDS, requirable_field_label


class AgreementForm(forms.ModelForm):
    required_fields = forms.MultipleChoiceField(
        label=_("Required fields"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A lead is handed off only when these are filled in."),
    )
    work_days = forms.TypedMultipleChoiceField(
        label=_("Working days"),
        required=False,
        coerce=int,
        choices=sorted(WEEKDAYS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    rejection_reasons = forms.MultipleChoiceField(
        label=_("Rejection reasons"),
        required=False,
        choices=[c for c in RejectionReason.choices if c[0] != RejectionReason.OTHER],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("“Other” is always available and needs a note."),
    )
    extra_reasons = forms.CharField(
        label=_("Reasons of your own"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("One per line."),
    )
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = HandoffAgreement
        fields = [*HandoffAgreement.RULE_FIELDS, "salespeople"]
        widgets = {
            "work_start": forms.TimeInput({"type": "time"}),
            "work_end": forms.TimeInput({"type": "time"}),
            "assignment": forms.RadioSelect,
            "salespeople": forms.CheckboxSelectMultiple,
            "change_note": forms.Textarea({"rows": 3}),
        }
        field_classes = {"salespeople": ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_fields"].choices = [
            (name, requirable_field_label(name)) for name in REQUIRABLE_FIELDS
        ]
        self.fields["salespeople"].queryset = roles.salespeople()
        self.fields["time_zone"].help_text = _("For example %(zone)s.") % {
            "zone": settings.TIME_ZONE
        }

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"].strip()
        if zone not in available_timezones():
            raise forms.ValidationError(
                _("Enter a time zone such as %(zone)s.") % {"zone": settings.TIME_ZONE}
            )
        return zone

    def clean(self) -> dict:
        """The built-in reasons ticked, the agreement's own, and always "other" last."""
        data = super().clean()
        ticked = data.get("rejection_reasons", [])
        builtin = [code for code in RejectionReason.values if code in ticked]
        extra = data.get("extra_reasons", "")
        own = [line.strip()[:200] for line in extra.splitlines() if line.strip()]
        data["rejection_reasons"] = [*builtin, *own, RejectionReason.OTHER]
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in HandoffAgreement.RULE_FIELDS}


def initial_for_agreement(agreement: HandoffAgreement | None) -> dict:
    """The form's starting values: the scope's current version (its draft, or the version
    in force), or the defaults for a first agreement."""
    initial = (agreement or HandoffAgreement()).rules()
    del initial["buying_cycle"]  # its own editor (PhaseForm)
    reasons = initial["rejection_reasons"]
    initial["rejection_reasons"] = [r for r in reasons if r in RejectionReason.values]
    initial["extra_reasons"] = "\n".join(r for r in reasons if r not in RejectionReason.values)
    is_draft = agreement is not None and agreement.status == HandoffAgreement.Status.DRAFT
    if not is_draft:
        initial["change_note"] = ""
    initial["salespeople"] = list(agreement.salespeople.all()) if agreement else []
    # The form remembers the draft it was built from; 0 when it starts a new draft, so a
    # draft someone else started meanwhile is never silently overwritten.
    initial["revision"] = agreement.revision if is_draft else 0
    return initial


class ScopeForm(forms.Form):
    """?segment= of the editor: empty for the company-wide agreement."""

    segment = forms.ModelChoiceField(queryset=Segment.objects.all(), required=False)


class ApprovalForm(forms.Form):
    team = forms.CharField()
    revision = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class PhaseForm(forms.Form):
    """One phase of the buying cycle; a row left empty is no phase."""

    name = forms.CharField(label=_("Phase"), max_length=60, required=False)
    owner = forms.ChoiceField(label=_("Owned by"), choices=cycle.OWNERS, required=False)
    customer = forms.CharField(
        label=_("What the customer does"),
        max_length=300,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    we = forms.CharField(
        label=_("What we do"), max_length=300, required=False, widget=forms.Textarea({"rows": 2})
    )
    exit = forms.CharField(
        label=_("Done when"), max_length=300, required=False, widget=forms.Textarea({"rows": 2})
    )
    stages = forms.MultipleChoiceField(
        label=_("Lead stages"),
        choices=Stage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # fmt: skip


PhaseFormSet = forms.formset_factory(
    PhaseForm, extra=2, max_num=cycle.MAX_PHASES, absolute_max=cycle.MAX_PHASES + 2
)


class CycleNoteForm(forms.Form):
    change_note = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )
    revision = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1,
                                  widget=forms.HiddenInput)  # fmt: skip
