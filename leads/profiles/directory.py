"""The who-is-who's segment filter and the segments on a person's card.

alignment's directory imports no feature app; this module registers the filter with it
when the leads app loads (leads.apps), and the card shows the segments through the
`segments_of` template tag (leads.templatetags.segments).
"""

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from alignment.directory_filters import DirectoryFilter, register
from alignment.models import Person
from leads.models import Segment


def _active_segments() -> QuerySet[Segment]:
    return Segment.objects.filter(active=True).order_by("name")


def segment_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Segment"),
        required=False,
        queryset=_active_segments(),
        empty_label=_("All segments"),
    )


def involved_in(people: QuerySet[Person], segment: Segment) -> QuerySet[Person]:
    """The people of a segment: its salespeople and its owner in marketing."""
    covering = Segment.salespeople.through.objects.filter(segment=segment).values("person_id")
    return people.filter(Q(pk__in=covering) | Q(pk=segment.owner_id))


def by_segment_name(word: str) -> Q:
    """People whose active segments (sold to or owned) have the word in their name."""
    named = _active_segments().filter(name__icontains=word)
    covering = Segment.salespeople.through.objects.filter(segment__in=named).values("person_id")
    return Q(pk__in=covering) | Q(pk__in=named.values("owner_id"))


def card_segments() -> list[Prefetch]:
    """What segments_of reads, fetched with the whole list."""
    return [
        Prefetch("covered_segments", queryset=_active_segments()),
        Prefetch("owned_segments", queryset=_active_segments()),
    ]


def register_filter() -> None:
    register(
        DirectoryFilter(
            name="segment",
            field=segment_field,
            apply=involved_in,
            prefetch=card_segments,
            search=by_segment_name,
        )
    )
