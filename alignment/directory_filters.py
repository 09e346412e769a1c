"""Filters that feature apps add to the who-is-who.

alignment imports no feature app (the apps depend one way), yet the who-is-who should
filter by what those apps know, such as the segment a salesperson covers. An app registers
its filter once, when it loads (AppConfig.ready), as it registers its notification texts:

    register(DirectoryFilter(name="segment", field=segment_field, apply=covering, ...))

The directory's form gets a field per filter, its query applies the chosen values and
fetches what the cards show of them along with the list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Prefetch, Q, QuerySet

from alignment.models import Person


@dataclass(frozen=True)
class DirectoryFilter:
    name: str  # the query parameter, and the form field's name
    field: Callable[[], forms.Field]  # a new field per form: choices are read per request
    apply: Callable[[QuerySet[Person], Any], QuerySet[Person]]  # narrow to a chosen value
    prefetch: Callable[[], list[str | Prefetch]] = list  # what the cards show of it
    # The people a typed word finds through it (the search box looks here as well).
    search: Callable[[str], Q] | None = None


_FILTERS: dict[str, DirectoryFilter] = {}


def register(directory_filter: DirectoryFilter) -> None:
    _FILTERS[directory_filter.name] = directory_filter


def registered() -> list[DirectoryFilter]:
    return list(_FILTERS.values())
