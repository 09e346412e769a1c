from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.text import no_control_characters
from leads.campaigns.queries import campaigns_to_choose
from leads.intake import csv_import, queries
from leads.intake.fields import FIELDS
from leads.models import Campaign, ImportJob, Lead, Stage
from leads.profiles.forms import SegmentFilter
from leads.profiles.scoring import FIT_BANDS

FIT_LABELS = {"high": _("High"), "medium": _("Medium"), "low": _("Low")}


def _fit_choices() -> list[tuple[str, str]]:
    return [("", _("Any fit"))] + [
        (band, f"{FIT_LABELS[band]} ({low}–{high})") for band, (low, high) in FIT_BANDS.items()
    ]


class LeadFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, email or company")}
        ),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )
    segment = SegmentFilter()
    owner = forms.ModelChoiceField(
        label=_("Owner"), required=False, queryset=None, empty_label=_("Any owner")
    )
    fit = forms.ChoiceField(label=_("Fit"), required=False)
    # Set by the campaign page's link; shown as a filter to clear, not as a select.
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        required=False,
        queryset=Campaign.objects.all(),
        widget=forms.HiddenInput,
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("fit", _("Best fit first")),
            ("name", _("Last name")),
            ("company", _("Company")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = queries.owner_filter_choices()
        self.fields["fit"].choices = _fit_choices()

    def values(self) -> queries.LeadFilter:
        if not self.is_valid():
            # A stale or hand-made link: drop the bad parts rather than fail.
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return queries.LeadFilter(
            stage=data.get("stage") or "",
            segment=data["segment"].pk if data.get("segment") else None,
            owner=data["owner"].pk if data.get("owner") else None,
            fit=data.get("fit") or "",
            q=data.get("q") or "",
            sort=data.get("sort") or "newest",
            campaign=data["campaign"].pk if data.get("campaign") else None,
        )


class LeadForm(forms.ModelForm):
    """A lead typed in by hand: the model's fields and rules, as the CSV import and the API
    have them (leads/intake/fields.py)."""

    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=None, empty_label="—")
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, add this lead although it may be a duplicate"), required=False
    )

    class Meta:
        model = Lead
        fields = [field.model_field.name for field in FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):  # one line each, as the API and CSV
                field.validators.append(no_control_characters)
        self.fields["owner"].queryset = roles.lead_owners()
        self.fields["source_campaign"].queryset = campaigns_to_choose()
        # Asked only once possible duplicates are shown (ask_to_confirm).
        self.fields["confirm_duplicate"].widget = forms.HiddenInput()

    def ask_to_confirm(self) -> None:
        self.fields["confirm_duplicate"].widget = forms.CheckboxInput()

    def lead_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


# Figures of a deal in progress or closed: corrected with "Correct the deal", which keeps
# the history of what was recorded before (leads/handoff/services.correct_deal).
DEAL_STAGES = (Stage.OPPORTUNITY, Stage.WON, Stage.LOST)


class LeadEditForm(LeadForm):
    """A correction of a lead's data: the fields and rules of LeadForm, except the owner
    (handoff and reassignment decide it). `version` notices a change made meanwhile."""

    version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, lead: Lead, version: str, focus: str = "", **kwargs):
        initial = model_to_dict(lead, fields=self.Meta.fields) | {"version": version}
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["owner"]
        if lead.stage in DEAL_STAGES:
            del self.fields["estimated_value"]
        # A lead from a campaign cancelled or ended since keeps it.
        campaigns = self.fields["source_campaign"]
        campaigns.queryset = campaigns_to_choose(keep=lead.source_campaign_id)
        self.fields["confirm_duplicate"].label = _(
            "Yes, save the changes although this may be a duplicate"
        )
        if focus in self.fields:  # a link from "Missing: phone" lands on the phone
            self.fields[focus].widget.attrs["autofocus"] = True

    def differences(self, current: Lead) -> dict[str, object]:
        """The fields in which `current` (the lead as it is saved now) holds something
        else than this form: {field: the saved value}."""
        values = self.lead_values()
        saved = model_to_dict(current, fields=list(values))
        mine = {n: v.pk if isinstance(v, models.Model) else v for n, v in values.items()}
        return {n: getattr(current, n) for n in values if saved[n] != mine[n]}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("At most 10 MB, comma or semicolon separated.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.LEADS_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size).1f MB; the limit is %(limit)d MB. "
                    "Split it into smaller files."
                )
                % {"size": upload.size / 1024 / 1024, "limit": limit // 1024 // 1024}
            )
        return upload


class MappingForm(forms.Form):
    """One select per column of the file, plus the two choices of how to import."""

    mode = forms.ChoiceField(
        label=_("Rows with problems"),
        choices=ImportJob.Mode.choices,
        widget=forms.RadioSelect,
        initial=ImportJob.Mode.VALID_ROWS,
    )
    duplicates = forms.ChoiceField(
        label=_("Known email addresses"),
        choices=ImportJob.Duplicates.choices,
        widget=forms.RadioSelect,
        initial=ImportJob.Duplicates.SKIP,
    )

    def __init__(self, *args, import_job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— do not import —")), *csv_import.field_choices()]
        for index, header in enumerate(import_job.headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("Column %(number)d") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=import_job.mapping.get(str(index), ""),
            )

    def column_fields(self):
        return [self[name] for name in self.fields if name.startswith("column_")]

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_") and value
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Integration name"),
        max_length=100,
        help_text=_("Where the token is used, e.g. “Website contact form”."),
    )
    expires_at = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token without end date."),
    )

    def clean_expires_at(self) -> datetime | None:
        """The end of the chosen day in the office's zone: the token works all that day."""
        day = self.cleaned_data["expires_at"]
        if day is None:
            return None
        office = ZoneInfo(settings.TIME_ZONE)
        if day < timezone.localdate(timezone=office):
            raise forms.ValidationError(_("The expiry date cannot be in the past."))
        return datetime.combine(day, time.max, tzinfo=office)
