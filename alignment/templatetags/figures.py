"""Figures as people read them, in their language: € 1.200.000,00 in Dutch,
€1,200,000.00 in English; shares as percentages."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

register = template.Library()


@register.filter
def euro(value: Decimal | int | None, decimals: int = 2) -> str:
    """An amount in euros, grouped and with the language's marks; "—" for no amount."""
    if value is None or value == "":
        return "—"
    amount = number_format(Decimal(value), decimal_pos=int(decimals), force_grouping=True)
    return gettext("€%(amount)s") % {"amount": amount}


@register.filter
def euro_short(value: Decimal | int | None) -> str:
    """An amount where room is short (a chart's axis): millions as "€1.5M"."""
    if value is None or abs(value) < 1_000_000:
        return euro(value, 0)
    millions = Decimal(value) / 1_000_000
    amount = number_format(millions, decimal_pos=0 if millions == int(millions) else 1)
    return gettext("€%(amount)sM") % {"amount": amount}


@register.filter
def percent(value: Decimal | float | None, decimals: int = 0) -> str:
    """A share (0.25) as a percentage (25%); "—" when there is no figure."""
    if value is None or value == "":
        return "—"
    number = number_format(Decimal(value) * 100, decimal_pos=int(decimals), force_grouping=True)
    return gettext("%(number)s%%") % {"number": number}
