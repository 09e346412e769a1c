"""The segments on a person's who-is-who card. The card belongs to alignment, which
imports no feature app (the apps depend one way); its template loads this library."""

from django import template

from alignment import roles
from alignment.models import Person

register = template.Library()


@register.inclusion_tag("leads/profiles/_person_segments.html", takes_context=True)
def segments_of(context: template.Context, person: Person) -> dict:
    """The active segments the person covers for sales and those they own. Reads what
    the directory prefetched (leads.profiles.directory.card_segments); on a single card,
    two small queries."""
    covered = [s for s in person.covered_segments.all() if s.active]
    owned = [s for s in person.owned_segments.all() if s.active]
    return {
        "covered": covered,
        "owned": owned,
        "can_view": roles.can_view_leads(context["request"].user),
    }
