import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leads import queries
from leads.fields import COUNTRIES, FIELDS, MAX_EMPLOYEES, MAX_REVENUE
from leads.models import ImportJob, Industry, Segment, Stage

COUNTRY_CHOICES = [(code, name) for code, name in COUNTRIES.items()]
# The largest revenue the columns take (leads and profiles alike).
REVENUE_LIMIT = int(MAX_REVENUE) - 1
# Token expiry dates are days in the office's zone: a token works through its last day.
OFFICE_ZONE = ZoneInfo("Europe/Amsterdam")
MAX_UPLOAD_BYTES = getattr(settings, "LEADS_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def _person_choices(empty_label: str) -> list[tuple[str, str]]:
    return [("", empty_label)] + [(str(p.pk), p.name) for p in queries.people_choices()]


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
    segment = forms.TypedChoiceField(
        label=_("Segment"), required=False, coerce=int, empty_value=None
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    fit = forms.ChoiceField(
        label=_("Fit"),
        required=False,
        choices=[
            ("", _("Any fit")),
            ("high", _("High (70–100)")),
            ("medium", _("Medium (40–69)")),
            ("low", _("Low (0–39)")),
        ],
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
        segments = Segment.objects.order_by("name").values_list("pk", "name")
        self.fields["segment"].choices = [("", _("All segments"))] + [
            (str(pk), name) for pk, name in segments
        ]
        self.fields["owner"].choices = _person_choices(str(_("Any owner")))

    def values(self) -> queries.LeadFilter:
        if not self.is_valid():
            # A stale or hand-made link: drop the bad parts rather than fail.
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return queries.LeadFilter(
            stage=data.get("stage") or "",
            segment=data.get("segment"),
            owner=data.get("owner"),
            fit=data.get("fit") or "",
            q=data.get("q") or "",
            sort=data.get("sort") or "newest",
        )


class LeadForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    company = forms.CharField(label=_("Company"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    industry = forms.ChoiceField(
        label=_("Industry"), required=False, choices=[("", "—"), *Industry.choices]
    )
    employees = forms.IntegerField(
        label=_("Employees"), required=False, min_value=0, max_value=MAX_EMPLOYEES
    )
    annual_revenue = forms.IntegerField(
        label=_("Annual revenue (€)"), required=False, min_value=0, max_value=REVENUE_LIMIT
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", "—"), *COUNTRY_CHOICES]
    )
    estimated_value = forms.DecimalField(
        label=_("Estimated value (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, add this lead although the email address is already known"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _person_choices("—")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def lead_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm_duplicate")
        data.pop("owner")
        return data


def _words(text: str) -> list[str]:
    """Split a list typed as commas or lines; normalised to lower case, no duplicates."""
    items = [item.strip().lower() for item in re.split(r"[,\n;]", text)]
    return list(dict.fromkeys(item for item in items if item))


def _weight(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=10, initial=0, help_text=_("0 (off) to 10")
    )


class SegmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    industries = forms.MultipleChoiceField(
        label=_("Industry is one of"),
        required=False,
        choices=Industry.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    industry_weight = _weight(_("Weight of industry"))
    employees_min = forms.IntegerField(
        label=_("Employees from"), required=False, min_value=0, max_value=MAX_EMPLOYEES
    )
    employees_max = forms.IntegerField(
        label=_("Employees up to"), required=False, min_value=0, max_value=MAX_EMPLOYEES
    )
    employees_weight = _weight(_("Weight of employees"))
    revenue_min = forms.IntegerField(
        label=_("Revenue from (€)"), required=False, min_value=0, max_value=REVENUE_LIMIT
    )
    revenue_max = forms.IntegerField(
        label=_("Revenue up to (€)"), required=False, min_value=0, max_value=REVENUE_LIMIT
    )
    revenue_weight = _weight(_("Weight of revenue"))
    countries = forms.MultipleChoiceField(
        label=_("Country is one of"),
        required=False,
        choices=COUNTRY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    country_weight = _weight(_("Weight of country"))
    title_words = forms.CharField(
        label=_("Job title contains any of"),
        required=False,
        max_length=500,
        help_text=_("Words separated by commas, e.g. director, manager, inkoop"),
    )
    title_weight = _weight(_("Weight of job title"))
    excluded_email_domains = forms.CharField(
        label=_("Disqualify email domains"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line or separated by commas, e.g. student.uva.nl, gmail.com"),
    )
    competitors = forms.CharField(
        label=_("Disqualify competitors"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Company names of competitors, one per line"),
    )
    exclude_other_countries = forms.BooleanField(
        label=_("Disqualify leads from other countries than the ones chosen"), required=False
    )

    SEGMENT_FIELDS = ["name", "description", "owner", "active"]

    def __init__(self, *args, segment: Segment | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.segment = segment
        self.fields["owner"].choices = _person_choices("—")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Segment.objects.filter(name__iexact=name)
        if self.segment:
            others = others.exclude(pk=self.segment.pk)
        if others.exists():
            raise forms.ValidationError(_("There is already a segment with this name."))
        return name

    def clean_excluded_email_domains(self) -> list[str]:
        domains = [d.lstrip("@") for d in _words(self.cleaned_data["excluded_email_domains"])]
        for domain in domains:
            if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
                raise forms.ValidationError(
                    _("“%(domain)s” is not a domain name such as example.com.") % {"domain": domain}
                )
        return domains

    def clean_title_words(self) -> list[str]:
        return _words(self.cleaned_data["title_words"])

    def clean_competitors(self) -> list[str]:
        return [
            line.strip().lower()
            for line in self.cleaned_data["competitors"].splitlines()
            if line.strip()
        ]

    def clean(self) -> dict:
        data = super().clean()
        for low, high in (("employees_min", "employees_max"), ("revenue_min", "revenue_max")):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, _("The upper bound must not be below the lower bound."))
        if data.get("exclude_other_countries") and not data.get("countries"):
            self.add_error("countries", _("Choose the countries the other ones are compared to."))
        return data

    def split(self) -> tuple[dict, dict]:
        data = dict(self.cleaned_data)
        segment_fields = {name: data.pop(name) for name in self.SEGMENT_FIELDS}
        segment_fields["owner_id"] = segment_fields.pop("owner")
        return segment_fields, data


def initial_for_segment(segment: Segment) -> dict:
    icp = getattr(segment, "icp", None)
    initial = {
        "name": segment.name,
        "description": segment.description,
        "owner": segment.owner_id,
        "active": segment.active,
    }
    if icp:
        for name in SegmentForm.base_fields:
            if hasattr(icp, name) and name != "segment":
                initial[name] = getattr(icp, name)
        initial["title_words"] = ", ".join(icp.title_words)
        initial["excluded_email_domains"] = "\n".join(icp.excluded_email_domains)
        initial["competitors"] = "\n".join(icp.competitors)
    return initial


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("At most 10 MB, comma or semicolon separated.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is %(size).1f MB; the limit is %(limit)d MB. "
                    "Split it into smaller files."
                )
                % {"size": upload.size / 1024 / 1024, "limit": MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        return upload


class MappingForm(forms.Form):
    """One select per column of the file, plus the two choices of how to import."""

    mode = forms.ChoiceField(
        label=_("Rows with problems"),
        choices=ImportJob.Mode.choices,
        widget=forms.RadioSelect,
        initial=ImportJob.Mode.ALL_OR_NOTHING,
    )
    duplicates = forms.ChoiceField(
        label=_("Known email addresses"),
        choices=ImportJob.Duplicates.choices,
        widget=forms.RadioSelect,
        initial=ImportJob.Duplicates.SKIP,
    )

    def __init__(self, *args, import_job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— do not import —")), *[(f.name, f.label) for f in FIELDS]]
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
        if day < timezone.localdate(timezone=OFFICE_ZONE):
            raise forms.ValidationError(_("The expiry date cannot be in the past."))
        return datetime.combine(day, time.max, tzinfo=OFFICE_ZONE)
