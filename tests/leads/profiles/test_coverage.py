"""Segments tied to sales coverage: a segment's salespeople, edited in the segment editor,
the who-is-who filtered by segment, and person cards linking to their segments."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from leads.models import Segment
from leads.profiles import services
from tests.conftest import make_person
from tests.leads.helpers import make_segment, snapshot
from tests.leads.profiles.test_segments import FORM
from tests.queries import assert_same_query_count

EN = {"Accept-Language": "en"}


def test_marketer_gives_a_segment_its_salespeople(login, marketer, salesperson, sales_manager):
    segment = make_segment(by=marketer)
    client = login(marketer)
    form = client.get(reverse("leads:segment_edit", args=[segment.pk]), headers=EN).text
    assert 'name="salespeople"' in form
    data = FORM | {"name": segment.name, "salespeople": [salesperson.pk, sales_manager.pk]}
    response = client.post(reverse("leads:segment_edit", args=[segment.pk]), data)
    assert response.status_code == 302
    assert set(segment.salespeople.all()) == {salesperson, sales_manager}

    page = client.get(reverse("leads:segment_list"), headers=EN).text
    assert f'id="segment-{segment.pk}"' in page
    assert f'<a href="{salesperson.get_absolute_url()}">Sam Tester</a>' in page
    assert f"{reverse('alignment:directory')}?segment={segment.pk}" in page

    # The editor shows them ticked, and unticking all removes them.
    form = client.get(reverse("leads:segment_edit", args=[segment.pk])).text
    ticked = re.findall(r'name="salespeople" value="(\d+)"[^>]* checked', form)
    assert sorted(ticked) == sorted([str(salesperson.pk), str(sales_manager.pk)])
    client.post(reverse("leads:segment_edit", args=[segment.pk]), FORM | {"name": segment.name})
    assert not segment.salespeople.exists()


@pytest.mark.parametrize("who", ["marketer", "manager", "service_agent"])
def test_only_salespeople_and_sales_managers_cover_a_segment(login, marketer, who, request):
    person = request.getfixturevalue(who)
    segment = make_segment(by=marketer)
    before = snapshot()
    data = FORM | {"name": segment.name, "salespeople": [person.pk]}
    response = login(marketer).post(
        reverse("leads:segment_edit", args=[segment.pk]), data, headers=EN
    )
    assert response.status_code == 200
    assert "salespeople" in response.context["form"].errors
    assert snapshot() == before
    with pytest.raises(ValidationError) as refused:
        services.save_segment(
            segment=segment, segment_fields={}, icp_fields={}, salespeople=[person], by=marketer
        )
    assert "salespeople or sales managers" in str(refused.value)
    assert not segment.salespeople.exists()


def test_salesperson_cannot_give_themselves_a_segment(login, marketer, salesperson):
    segment = make_segment(by=marketer)
    data = FORM | {"name": segment.name, "salespeople": [salesperson.pk]}
    assert (
        login(salesperson).post(reverse("leads:segment_edit", args=[segment.pk]), data).status_code
        == 403
    )
    assert not segment.salespeople.exists()


def _covered(by, name, *people):
    segment = make_segment(by=by, name=name)
    segment.salespeople.set(people)
    return segment


def test_who_is_who_filters_by_segment(login, marketer, salesperson, service_agent):
    other = make_person("salesperson", username="gijs", first_name="Gijs")
    segment = _covered(marketer, "Healthcare", salesperson)
    _covered(marketer, "Logistics", other)
    response = login(service_agent).get(
        reverse("alignment:directory"), {"segment": segment.pk}, headers=EN | {"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert "Sam Tester" in response.text  # covers it
    assert "Mia Tester" in response.text  # owns it (marketing)
    assert "Gijs" not in response.text
    assert "Sven" not in response.text
    # With the team filter as well: only the salesperson.
    response = login(service_agent).get(
        reverse("alignment:directory"), {"segment": segment.pk, "team": "sales"}
    )
    assert "Sam Tester" in response.text and "Mia Tester" not in response.text


def test_directory_offers_the_segments_and_ignores_an_unknown_one(login, marketer, salesperson):
    segment = _covered(marketer, "Healthcare", salesperson)
    client = login(marketer)
    page = client.get(reverse("alignment:directory"), headers=EN).text
    assert f'<option value="{segment.pk}">Healthcare</option>' in page
    assert "All segments" in page
    response = client.get(reverse("alignment:directory"), {"segment": "999", "team": "sales"})
    assert response.status_code == 200
    assert "Sam Tester" in response.text and "Mia Tester" not in response.text


def test_person_card_links_to_the_segments_they_cover(login, marketer, salesperson, service_agent):
    healthcare = _covered(marketer, "Healthcare", salesperson)
    _covered(marketer, "Retail", salesperson)
    stopped = _covered(marketer, "Stopped", salesperson)
    stopped.active = False
    stopped.save()
    page = login(marketer).get(salesperson.get_absolute_url(), headers=EN).text
    segment_link = f"{reverse('leads:segment_list')}#segment-{healthcare.pk}"
    assert f'<a href="{segment_link}">Healthcare</a>' in page
    assert "Retail" in page and "Stopped" not in page
    # The owner's card says which segments they own.
    page = login(marketer).get(marketer.get_absolute_url(), headers=EN).text
    assert "Owns segment" in page and "Healthcare" in page
    # Service agents see no segments pages: the link finds the segment's people instead.
    page = login(service_agent).get(salesperson.get_absolute_url(), headers=EN).text
    people_link = f"{reverse('alignment:directory')}?segment={healthcare.pk}"
    assert f'<a href="{people_link}">Healthcare</a>' in page
    assert segment_link not in page


def test_directory_with_segments_runs_a_constant_number_of_queries(login, marketer):
    segment = _covered(marketer, "Healthcare", make_person("salesperson", username="s0"))
    client = login(marketer)

    made = []

    def grow():
        for _ in range(7):
            made.append(n := len(made) + 1)
            seller = make_person("salesperson", username=f"s{n}")
            _covered(marketer, f"Segment {n}", seller).salespeople.add(*segment.salespeople.all())

    assert_same_query_count(lambda: client.get(reverse("alignment:directory")), grow)
    assert_same_query_count(
        lambda: client.get(reverse("alignment:directory"), {"segment": segment.pk}), grow
    )


def test_segment_list_runs_a_constant_number_of_queries(login, marketer, salesperson):
    _covered(marketer, "Healthcare", salesperson)
    client = login(marketer)

    def grow():
        for n in range(8):
            seller = make_person("salesperson", username=f"seller{n}")
            _covered(marketer, f"Segment {n}", seller, salesperson)

    assert_same_query_count(lambda: client.get(reverse("leads:segment_list")), grow)
    assert Segment.objects.count() == 9


def test_searching_a_segment_name_finds_its_people(login, marketer, salesperson):
    other = make_person("salesperson", username="gijs", first_name="Gijs")
    _covered(marketer, "Healthcare Flanders", salesperson)
    _covered(marketer, "Logistics", other)
    response = login(marketer).get(reverse("alignment:directory"), {"q": "flanders"})
    assert "Sam Tester" in response.text and "Mia Tester" in response.text  # sells, owns
    assert "Gijs" not in response.text
