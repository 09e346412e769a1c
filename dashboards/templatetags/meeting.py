"""Reading a meeting's facts back: a frozen agenda stores dates as ISO text and choices
as their keys; these give dates and the reader's own words again."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from alignment.models import TeamCode
from dashboards.kpis import catalogue, reading
from leads.models import CampaignChannel, SlaClock, Stage
from relationships.models import ActionSource, NoteKind

register = template.Library()

LABELS = {
    "stage": Stage,
    "clock": SlaClock.Kind,
    "note": NoteKind,
    "channel": CampaignChannel,
    "source": ActionSource,
    "team": TeamCode,
}


@register.filter
def as_date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@register.filter
def as_datetime(value) -> datetime | None:
    if not value:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return timezone.localtime(moment)


@register.filter
def funnel_label(key: str) -> str:
    """A funnel step's name, from the key a (frozen) agenda keeps."""
    step = catalogue.FUNNEL_STEPS.get(key)
    return str(step.label) if step else key


@register.filter
def kpi(key: str) -> catalogue.Kpi | None:
    return catalogue.KPIS.get(key)


@register.filter
def light_label(light: str) -> str:
    return str(reading.LIGHTS.get(light, reading.LIGHTS["none"]))


@register.filter
def label(value: str, kind: str) -> str:
    choices = LABELS.get(kind)
    if choices is None:
        return value
    return str(dict(choices.choices).get(value, value))


@register.filter
def beyond(items: list, shown: str) -> int:
    """How many of `items` a `|slice:shown` (":6") leaves out."""
    limit = int(shown.strip(":") or 0) if shown else 0
    return max(len(items) - limit, 0) if limit else 0
