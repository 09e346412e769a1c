from django.urls import reverse

from tests.conftest import make_person
from tests.queries import assert_same_query_count


def test_directory_lists_people_of_both_teams(login, marketer, salesperson):
    response = login(marketer).get(reverse("alignment:directory"))
    assert response.status_code == 200
    assert "Mia Tester" in response.text
    assert "Sam Tester" in response.text


def test_plain_search_finds_by_expertise_and_keeps_the_full_page(login, marketer):
    make_person("salesperson", username="fenna", first_name="Fenna", expertise="Public tenders")
    make_person("salesperson", username="gijs", first_name="Gijs", expertise="Retail")
    response = login(marketer).get(reverse("alignment:directory"), {"q": "tender"})
    assert "<html" in response.text
    assert "Fenna" in response.text
    assert "Gijs" not in response.text


def test_htmx_search_returns_only_the_results_partial(login, marketer):
    make_person("salesperson", username="fenna", first_name="Fenna", covers="Healthcare Flanders")
    make_person("salesperson", username="gijs", first_name="Gijs", covers="Logistics")
    response = login(marketer).get(
        reverse("alignment:directory"), {"q": "healthcare"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert 'id="results"' in response.text
    assert "Fenna" in response.text
    assert "Gijs" not in response.text


def test_every_word_must_match(login, marketer):
    make_person("salesperson", username="fenna", first_name="Fenna", covers="Healthcare Flanders")
    make_person("salesperson", username="hanna", first_name="Hanna", covers="Healthcare Holland")
    response = login(marketer).get(reverse("alignment:directory"), {"q": "healthcare flanders"})
    assert "Fenna" in response.text
    assert "Hanna" not in response.text


def test_filter_by_team(login, marketer, salesperson, service_agent):
    response = login(marketer).get(
        reverse("alignment:directory"), {"team": "service"}, headers={"HX-Request": "true"}
    )
    assert "Sven Tester" in response.text
    assert "Sam Tester" not in response.text
    assert "Mia Tester" not in response.text


def test_empty_search_explains_what_to_try(login, marketer):
    response = login(marketer).get(reverse("alignment:directory"), {"q": "nobody-like-this"})
    assert "Nobody matches" in response.text or "Niemand" in response.text


def test_unknown_team_filter_is_ignored_not_an_error(login, marketer, salesperson):
    response = login(marketer).get(reverse("alignment:directory"), {"team": "finance"})
    assert response.status_code == 200
    assert "Sam Tester" in response.text


def test_directory_query_count_does_not_grow_with_people(login, marketer):
    client = login(marketer)

    def add_forty_people():
        for i in range(40):
            make_person("salesperson", username=f"seller{i}", covers="Logistics")

    assert_same_query_count(lambda: client.get(reverse("alignment:directory")), add_forty_people)
