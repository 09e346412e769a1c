"""A KPI's figure in its unit, in the reader's language."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import number_format
from django.utils.translation import gettext

from alignment.templatetags.figures import euro, percent
from dashboards.kpis import catalogue
from leads.models import LeadEvent

register = template.Library()


@register.filter
def kpi_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return gettext("no data")
    value = Decimal(value)  # a frozen agenda keeps its figures as text
    if unit == catalogue.PERCENT:
        return percent(value)
    if unit == catalogue.EURO:
        return euro(value, 0)
    if unit == catalogue.HOURS:
        return gettext("%(hours)s h") % {"hours": number_format(value, decimal_pos=1)}
    if unit == catalogue.DAYS:
        return gettext("%(days)s days") % {"days": number_format(value, decimal_pos=0)}
    return intcomma(int(value))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.filter
def rejection_label(reason: str) -> str:
    return LeadEvent.label_of_reason(reason)
