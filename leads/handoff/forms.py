"""Forms of the lifecycle pages: the queue's actions, the other steps of the lead page and
the query parameters of the lists."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.forms import DateInput
from leads.handoff.sla import LABELS
from leads.models import Channel, Stage
from leads.profiles.forms import SegmentFilter

# The stages the generic step form may move a lead to; the handoff, accepting and
# rejecting have their own forms and pages.
OTHER_STEPS = [
    choice
    for choice in Stage.choices
    if choice[0] not in (Stage.NEW, Stage.MQL, Stage.SAL, Stage.REJECTED)
]


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for rejection"))
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
    to = forms.ModelChoiceField(
        label=_("Give the lead to"), queryset=None, empty_label=_("Choose a person")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    expected_owner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = roles.lead_owners()


def _amount_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )


class StageForm(forms.Form):
    """Any other step of the lifecycle, from the lead page: a reason where the rules ask
    for one, the deal's figures on the way to opportunity and won."""

    to = forms.ChoiceField(choices=OTHER_STEPS, widget=forms.HiddenInput)
    amount = _amount_field(_("Amount (€)"))
    close_date = forms.DateField(label=_("Close date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    expected = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.data.get("to") or self.initial.get("to")
        if target == Stage.OPPORTUNITY:
            self.fields["amount"].label = _("Expected value (€)")
            self.fields["close_date"].label = _("Expected close date")
        elif target == Stage.WON:
            self.fields["amount"].label = _("Won amount (€)")
            self.fields["close_date"].required = False
            self.fields["close_date"].help_text = _("Empty: today.")
        else:
            del self.fields["amount"], self.fields["close_date"]
        if target not in (Stage.LOST, Stage.DISQUALIFIED):
            del self.fields["reason"]

    @classmethod
    def step_of(cls, data) -> Stage | None:
        """The step asked for, when it is one this form makes (None otherwise)."""
        try:
            return Stage(cls.base_fields["to"].clean(data.get("to", "")))
        except forms.ValidationError:
            return None

    @staticmethod
    def initial_for(lead, target: Stage) -> dict:
        initial = {"to": target}
        if target == Stage.OPPORTUNITY:
            initial |= {"amount": lead.estimated_value, "close_date": lead.close_date}
        elif target == Stage.WON:
            initial |= {"amount": lead.estimated_value}
        return initial

    def deal(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("amount", "close_date")
            if name in self.cleaned_data
        }


class DealForm(forms.Form):
    """A correction of an open or won deal's figures."""

    amount = _amount_field(_("Amount (€)"))
    close_date = forms.DateField(label=_("Close date"), widget=DateInput())
    note = forms.CharField(
        label=_("Why the correction"), required=False, widget=forms.Textarea({"rows": 2})
    )


class QueueFilterForm(forms.Form):
    """The queue's query parameters: urgency, segment and sort for everyone; ?person= of
    the team queue (one person's leads) for a manager only."""

    URGENCY_CHOICES = [("", _("Any urgency")), *((key, label) for key, label in LABELS.items())]
    SORT_CHOICES = [
        ("due", _("Most urgent first")),
        ("value", _("Highest expected value first")),
        ("fit", _("Best fit first")),
        ("newest", _("Latest handed off first")),
    ]

    person = forms.ModelChoiceField(
        label=_("Whose leads"),
        queryset=None,
        required=False,
        empty_label=_("The whole team"),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=URGENCY_CHOICES, required=False)
    segment = SegmentFilter()
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, team: bool = False, sizes: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if team:
            self.fields["person"].queryset = roles.lead_owners()
            if sizes is not None:
                self.fields["person"].label_from_instance = _with_queue_size(sizes)
        else:
            del self.fields["person"]

    def value(self, name: str):
        """A valid parameter's value; a bad one counts as not given (the list still shows)."""
        field = self.fields.get(name)
        if field is None:
            return None
        try:
            return field.clean(field.widget.value_from_datadict(self.data, self.files, name))
        except forms.ValidationError:
            return None

    def chosen(self):
        return self.value("person")

    def criteria(self) -> dict:
        """urgency, segment_id and sort for the queue's query."""
        segment = self.value("segment")
        return {
            "urgency": self.value("urgency") or None,
            "segment_id": segment.pk if segment else None,
            "sort": self.value("sort") or "due",
        }


def _with_queue_size(sizes: dict):
    """A picker's label: "Sam Tester (12 open)", whom to give leads to with their workload."""

    def label(person) -> str:
        size = sizes.get(person.pk)
        count = size.waiting if size else 0
        return _("%(name)s (%(count)s open)") % {"name": person.name, "count": count}

    return label


class RejectedFilterForm(forms.Form):
    """?reason=, ?by= and ?segment= of the rejected list; a bad value counts as not given."""

    reason = forms.ChoiceField(label=_("Reason"), required=False)
    by = forms.ModelChoiceField(
        label=_("Rejected by"), queryset=None, required=False, empty_label=_("Everyone in sales")
    )
    segment = SegmentFilter()

    def __init__(self, *args, reasons: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Every reason")), *reasons]
        self.fields["by"].queryset = roles.lead_owners()

    def criteria(self) -> dict:
        values = {}
        for name in self.fields:
            field = self.fields[name]
            try:
                values[name] = field.clean(self.data.get(name, ""))
            except forms.ValidationError:
                values[name] = None
        return {
            "reason": values["reason"] or None,
            "by_id": values["by"].pk if values["by"] else None,
            "segment_id": values["segment"].pk if values["segment"] else None,
        }


class LeadIdsField(forms.Field):
    """A list of lead ids, as ticked boxes send them."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Select the leads to hand off first.")}

    def to_python(self, value) -> list[int]:
        try:
            ids = {int(item) for item in value or []}
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"]) from None
        return sorted(pk for pk in ids if 0 < pk < 2**63)


class SegmentFilterForm(forms.Form):
    """?segment= of the handoff list."""

    segment = SegmentFilter()

    def segment_id(self) -> int | None:
        segment = self.cleaned_data.get("segment") if self.is_valid() else None
        return segment.pk if segment else None


class BulkReassignForm(forms.Form):
    """The leads ticked in the team queue and the person to give them to, with each
    person's queue size in the picker."""

    lead = LeadIdsField(
        required=False,
        error_messages={"invalid": _("Select the leads to reassign first.")},
    )
    to = forms.ModelChoiceField(
        label=_("Give them to"),
        queryset=None,
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose who gets the leads.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
    all = forms.BooleanField(required=False)

    def __init__(self, *args, sizes: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = roles.lead_owners()
        if sizes is not None:
            self.fields["to"].label_from_instance = _with_queue_size(sizes)
        self.fields["to"].error_messages["invalid_choice"] = _("Choose an active salesperson.")

    def clean(self):
        data = super().clean()
        if not data.get("all") and not data.get("lead"):
            raise forms.ValidationError(_("Select the leads to reassign first."))
        return data


class HandoffForm(SegmentFilterForm):
    """The ticked leads, or `all`: every lead ready in the chosen segment (all pages)."""

    lead = LeadIdsField(required=False)
    all = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("all") and not data.get("lead"):
            raise forms.ValidationError(_("Select the leads to hand off first."))
        return data
