from django import template
from django.utils.formats import number_format

from alignment.templatetags.figures import euro
from leads.intake.fields import label_of
from leads.models import Lead
from leads.profiles.scoring import band_of

register = template.Library()


@register.filter
def fit_band(score: int) -> str:
    """ "high", "medium" or "low": how a fit score reads (the bands of scoring.py)."""
    return band_of(score or 0)


# The lead fields whose values are amounts in euros.
_MONEY = {"annual_revenue", "estimated_value", "won_amount"}


register.filter("lead_field_label", label_of)


@register.filter
def lead_value(value, name: str) -> str:
    """A stored value of a lead field as a reader expects it: the label of a code, grouped
    numbers, euros; "—" for nothing. Used for the changes an edit recorded."""
    if value in (None, ""):
        return "—"
    if name in _MONEY:
        return euro(value, 0 if name == "annual_revenue" else 2)
    if name == "employees":
        return number_format(int(value), force_grouping=True)
    field = Lead._meta.get_field(name)
    return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as a tel: link ("+31 6 1234 5678" → "tel:+31612345678")."""
    digits = "".join(char for char in phone if char.isdigit() and char.isascii())
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"
