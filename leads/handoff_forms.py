"""Forms of the lifecycle pages: the agreement editor and the queue's actions."""

from zoneinfo import available_timezones

from django import forms
from django.utils.dates import WEEKDAYS as DAYS
from django.utils.translation import gettext_lazy as _

from leads import lifecycle
from leads.models import Assignment, Channel, HandoffAgreement, RejectionReason
from leads.models.lifecycle import REQUIRED_FIELDS

WEEKDAYS = sorted(DAYS.items())


class AgreementForm(forms.Form):
    min_fit_score = forms.IntegerField(label=_("Minimum fit score"), min_value=0, max_value=100)
    required_fields = forms.MultipleChoiceField(
        label=_("Required fields"),
        required=False,
        choices=list(REQUIRED_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A lead is handed off only when these are filled in."),
    )
    accept_hours = forms.IntegerField(
        label=_("Accept or reject within (hours)"), min_value=1, max_value=720
    )
    first_contact_hours = forms.IntegerField(
        label=_("First contact within (hours after acceptance)"), min_value=1, max_value=720
    )
    working_hours_only = forms.BooleanField(
        label=_("Count working hours only"),
        required=False,
        help_text=_("Deadlines then pause outside the working days and hours below."),
    )
    work_days = forms.TypedMultipleChoiceField(
        label=_("Working days"),
        required=False,
        coerce=int,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
    )
    work_start = forms.TimeField(
        label=_("Working day starts"), widget=forms.TimeInput({"type": "time"})
    )
    work_end = forms.TimeField(
        label=_("Working day ends"), widget=forms.TimeInput({"type": "time"})
    )
    time_zone = forms.CharField(label=_("Time zone"), max_length=60)
    assignment = forms.ChoiceField(
        label=_("Assignment"), choices=Assignment.choices, widget=forms.RadioSelect
    )
    salespeople = forms.TypedMultipleChoiceField(
        label=_("Salespeople in the rotation"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every active salesperson takes turns."),
    )
    rejection_reasons = forms.MultipleChoiceField(
        label=_("Rejection reasons"),
        required=False,
        choices=RejectionReason.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("“Other” is always available and needs a note."),
    )
    extra_reasons = forms.CharField(
        label=_("Reasons of your own"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("One per line."),
    )
    recycle_days = forms.IntegerField(
        label=_("Recycle delay (days)"),
        min_value=0,
        max_value=3650,
        help_text=_("A recycled lead may be handed off again after this many days."),
    )
    change_note = forms.CharField(
        label=_("What changed and why"), required=False, widget=forms.Textarea({"rows": 3})
    )
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["salespeople"].choices = [
            (p.pk, p.name) for p in lifecycle.active_salespeople().select_related("user")
        ]

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"].strip()
        if zone not in available_timezones():
            raise forms.ValidationError(_("Enter a time zone such as Europe/Amsterdam."))
        return zone

    def values(self) -> dict:
        data = self.cleaned_data
        builtin = [code for code in RejectionReason.values if code in data["rejection_reasons"]]
        builtin = [code for code in builtin if code != RejectionReason.OTHER]
        extra = [line.strip()[:200] for line in data["extra_reasons"].splitlines() if line.strip()]
        names = [n for n in data if n not in ("salespeople", "extra_reasons", "revision")]
        values = {name: data[name] for name in names}
        values["rejection_reasons"] = [*builtin, *extra, RejectionReason.OTHER]
        return values


def initial_for_agreement(values: dict, agreement: HandoffAgreement | None) -> dict:
    reasons = values["rejection_reasons"]
    initial = dict(values)
    initial["rejection_reasons"] = [r for r in reasons if r in RejectionReason.values]
    initial["extra_reasons"] = "\n".join(r for r in reasons if r not in RejectionReason.values)
    if agreement:
        initial["salespeople"] = [p.pk for p in agreement.salespeople.all()]
    # The form remembers the draft it was built from; 0 when it starts a new draft, so a
    # draft someone else started meanwhile is never silently overwritten.
    is_draft = agreement is not None and agreement.status == HandoffAgreement.Status.DRAFT
    initial["revision"] = agreement.revision if is_draft else 0
    return initial


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason of rejection"))
    note = forms.CharField(
        label=_("Note for marketing"), required=False, widget=forms.Textarea({"rows": 2})
    )
    expected = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, reasons: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choose a reason")), *reasons]


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How"), choices=Channel.choices, initial=Channel.CALL, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class ReassignForm(forms.Form):
    to = forms.TypedChoiceField(label=_("Give the lead to"), coerce=int)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    expected_owner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", _("Choose a person"))] + [
            (p.pk, p.name) for p in lifecycle.reassignable_people()
        ]


class StageForm(forms.Form):
    """Any other step of the lifecycle, from the lead page (reason where the rules ask)."""

    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    expected = forms.CharField(required=False, widget=forms.HiddenInput)
