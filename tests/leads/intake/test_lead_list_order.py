"""A list with more matches than it counts is paged in the sort's order, whichever way
lead_page finds the page: a walk of the sort's index, a short walk of its first entries,
or the matches up to the bound a sample of them gives."""

import pytest
from django.db.models import QuerySet

from leads.intake import queries
from leads.intake.fields import search_text
from leads.models import Lead, LeadFit

pytestmark = pytest.mark.django_db

FIRST_NAMES = ["Anna", "Bram", "Eva", "Joris", "Noor", "Sanne"]


@pytest.fixture
def small_scale(monkeypatch):
    """The limits of a million leads, scaled to a hundred and forty."""
    monkeypatch.setattr(queries, "COUNT_CAP", 30)
    monkeypatch.setattr(queries, "PAGE_SIZE", 5)
    monkeypatch.setattr(queries, "SHORT_WALK", 10)


def _lead(n: int, last_name: str, company: str) -> Lead:
    values = {
        "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
        "last_name": last_name,
        "email": f"lead{n}@example.com",
        "company": company,
    }
    return Lead(**values, search_text=search_text(values), source="import")


@pytest.fixture
def clustered():
    """Forty Aalders first in the name order, with the best fits; the ninety Zwarts after
    them, at companies spread over the alphabet; ten more Zwarts at the first company."""
    leads = [_lead(n, "Aalders", "Brabant Bouw") for n in range(40)]
    leads += [_lead(n, "Zwart", f"{'ABCDEFGH'[n % 8]} Metaal") for n in range(40, 130)]
    leads += [_lead(n, "Zwart", "A Metaal") for n in range(130, 140)]
    Lead.objects.bulk_create(leads)
    fits = [LeadFit(lead=lead, score=max(0, 99 - n) % 60) for n, lead in enumerate(leads)]
    LeadFit.objects.bulk_create(fits)


@pytest.mark.parametrize("q", ["zwart", "metaal", "a", "zwart eva"])
@pytest.mark.parametrize("sort", ["name", "company", "fit", "newest", "oldest"])
def test_every_page_is_the_next_slice_of_the_sorted_matches(small_scale, clustered, q, sort):
    f = queries.LeadFilter(q=q, sort=sort)
    everything = list(queries.filtered_leads(f).values_list("pk", flat=True))
    size = queries.PAGE_SIZE
    for number in range(1, len(everything) // size + 2):
        page = queries.lead_page(f, number=number)
        start = (number - 1) * size
        assert [lead.pk for lead in page.items] == everything[start : start + size], number
        assert page.has_next == (len(everything) > start + size), number
        assert page.count_capped == (len(everything) > queries.COUNT_CAP)


@pytest.mark.parametrize("q", ["", "zwart"])  # a walk; a search's short walk or gathering
def test_a_lead_deleted_between_the_pages_ids_and_its_rows_is_left_out(
    small_scale, clustered, monkeypatch, q
):
    """The page's ids come first, its rows by id after: a lead deleted in between is not
    shown (the rest of the page is), instead of the whole list failing."""
    real_in_bulk = QuerySet.in_bulk

    def delete_first_then_read(self, id_list=None, **kwargs):
        Lead.objects.filter(pk=id_list[0]).delete()
        return real_in_bulk(self, id_list, **kwargs)

    monkeypatch.setattr(QuerySet, "in_bulk", delete_first_then_read)
    f = queries.LeadFilter(q=q, sort="name")
    expected = list(queries.filtered_leads(f).values_list("pk", flat=True)[1 : queries.PAGE_SIZE])
    page = queries.lead_page(f)
    assert [lead.pk for lead in page.items] == expected
