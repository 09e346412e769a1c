"""The agreement's buying cycle as phases, for its templates."""

from django import template

from leads.agreement import cycle

register = template.Library()


@register.filter
def phases(stored: list[dict]) -> list[cycle.Phase]:
    return cycle.phases_of(stored)
