from django import template

from leads.profiles.scoring import band_of

register = template.Library()


@register.filter
def fit_band(score: int) -> str:
    """ "high", "medium" or "low": how a fit score reads (the bands of scoring.py)."""
    return band_of(score or 0)
