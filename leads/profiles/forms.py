"""The segment editor: the segment itself and its ideal-customer profile, as a model form
of the profile (its limits and labels are the model's) with the segment's fields."""

import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from alignment import roles
from alignment.models import Person
from leads.models import Country, IdealCustomerProfile, Industry, Segment
from leads.models.profiles import MAX_WEIGHT
from leads.profiles import scoring

SEGMENT_FIELDS = ("name", "description", "owner", "active")
WEIGHT_FIELDS = tuple(name for name in scoring.PROFILE_FIELDS if name.endswith("_weight"))


def _words(text: str) -> list[str]:
    """Split a list typed as commas or lines; normalised to lower case, no duplicates."""
    items = [item.strip().lower() for item in re.split(r"[,\n;]", text)]
    return list(dict.fromkeys(item for item in items if item))


class SegmentFilter(forms.ModelChoiceField):
    """A list's segment filter: the segments by name (or only the active ones); empty means
    all of them."""

    def __init__(self, *, empty_label=None, active_only: bool = False) -> None:
        segments = Segment.objects.filter(active=True) if active_only else Segment.objects.all()
        super().__init__(
            queryset=segments.order_by("name"),
            label=_("Segment"),
            required=False,
            empty_label=empty_label or _("All segments"),
        )


class WordsField(forms.CharField):
    """A list typed as text (commas, semicolons or lines), kept as lower-case words."""

    def __init__(self, *, separator: str = ", ", **kwargs) -> None:
        self.separator = separator
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return self.separator.join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return _words(super().to_python(value))


class DomainsField(WordsField):
    def to_python(self, value) -> list[str]:
        domains = [domain.lstrip("@") for domain in super().to_python(value)]
        for domain in domains:
            if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
                raise forms.ValidationError(
                    _("“%(domain)s” is not a domain name such as example.com.") % {"domain": domain}
                )
        return domains


class LinesField(WordsField):
    """One item per line (company names may hold commas)."""

    def to_python(self, value) -> list[str]:
        text = forms.CharField.to_python(self, value)
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


class SegmentForm(forms.ModelForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        required=False,
        queryset=Person.objects.none(),
        empty_label="—",
    )
    salespeople = forms.ModelMultipleChoiceField(
        label=_("Salespeople"),
        required=False,
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who in sales covers this segment's leads."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    industries = forms.MultipleChoiceField(
        label=_("Industry is one of"),
        required=False,
        choices=Industry.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Country is one of"),
        required=False,
        choices=Country.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    title_words = WordsField(
        label=_("Job title contains any of"),
        max_length=500,
        help_text=_("Words separated by commas, e.g. director, manager, inkoop"),
    )
    excluded_email_domains = DomainsField(
        label=_("Disqualify email domains"),
        separator="\n",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line or separated by commas, e.g. student.uva.nl, gmail.com"),
    )
    competitors = LinesField(
        label=_("Disqualify competitors"),
        separator="\n",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Company names of competitors, one per line"),
    )

    class Meta:
        model = IdealCustomerProfile
        fields = scoring.PROFILE_FIELDS
        labels = {"exclude_other_countries": _("Disqualify leads from other countries")}

    def __init__(self, *args, segment: Segment | None = None, **kwargs):
        if segment is not None:
            kwargs["initial"] = {name: getattr(segment, name) for name in SEGMENT_FIELDS}
            kwargs["initial"]["salespeople"] = list(segment.salespeople.all())
            kwargs["instance"] = getattr(segment, "icp", None)
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = roles.segment_owners()
        self.fields["salespeople"].queryset = roles.segment_salespeople()
        for name in WEIGHT_FIELDS:
            field = self.fields[name]
            field.min_value, field.max_value = 0, MAX_WEIGHT
            message = _("Give a weight from 0 (off) to %(max)d.") % {"max": MAX_WEIGHT}
            kinds = ("required", "invalid", "min_value", "max_value")
            field.error_messages |= dict.fromkeys(kinds, message)
            bounds = MinValueValidator | MaxValueValidator
            field.validators = [
                *(v for v in field.validators if not isinstance(v, bounds)),
                MinValueValidator(0, message),
                MaxValueValidator(MAX_WEIGHT, message),
            ]
            field.widget.attrs |= {"min": 0, "max": MAX_WEIGHT}
        self.segment = segment

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Segment.objects.filter(name__iexact=name)
        if self.segment:
            others = others.exclude(pk=self.segment.pk)
        if others.exists():
            raise forms.ValidationError(_("There is already a segment with this name."))
        return name

    def clean(self) -> dict:
        data = super().clean()
        for low, high in (("employees_min", "employees_max"), ("revenue_min", "revenue_max")):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, _("The upper bound must not be below the lower bound."))
        if data.get("exclude_other_countries") and not data.get("countries"):
            self.add_error("countries", _("Choose the countries the other ones are compared to."))
        return data

    def segment_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SEGMENT_FIELDS}

    def profile_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in scoring.PROFILE_FIELDS}

    def profile_errors(self) -> list[tuple[forms.BoundField, list[str]]]:
        """The errors of the profile's fields, which the preview must show instead of
        figures: a profile with an error would score differently once corrected. (The
        segment's own fields, such as a name still to be typed, do not stop the preview.)"""
        return [
            (self[name], self.errors[name])
            for name in scoring.PROFILE_FIELDS
            if name in self.errors
        ]


class JobForm(forms.Form):
    """?job= of the overview: the rescoring to show the progress of."""

    job = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
