"""One way to page a list: fetch one row more than a page to know whether there is a next
page, so no list counts a million rows to show twenty-five. The page number comes from the
query string through a form, like every other query parameter."""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest

# Deep pages of a million-row list cost an OFFSET of that size; nobody pages that far.
MAX_PAGE = 10_000


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)


def page_number(request: HttpRequest) -> int:
    """The ?page= of a list, as a whole number from 1 to MAX_PAGE (1 when it is not one)."""
    form = PageForm(request.GET)
    return (form.cleaned_data["page"] or 1) if form.is_valid() else 1


@dataclass
class Page:
    items: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


def paginate(items: QuerySet | list, number: int, size: int) -> Page:
    start = (number - 1) * size
    rows = list(items[start : start + size + 1])
    return Page(items=rows[:size], number=number, has_next=len(rows) > size)
