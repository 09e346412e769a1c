"""The rejected list (issue #10, point 13): the salesperson's note in its own column, and
filters by reason, salesperson and segment."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from leads.handoff import queries
from leads.handoff import services as lifecycle
from leads.models import Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import MANUFACTURING_ICP, make_segment
from tests.queries import assert_same_query_count

URL = reverse("leads:rejected_list")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def rejections(marketer, manager, sales_manager, salesperson):
    """Three rejected leads: two by the salesperson (no budget, with a note; duplicate),
    one logistics lead by a colleague (no need)."""
    colleague = make_person("salesperson", username="colleague")
    make_agreement(marketing=manager, sales=sales_manager, salespeople=[salesperson])
    make_segment(by=marketer)
    transport = make_segment(
        by=marketer, name="Transport", **(MANUFACTURING_ICP | {"industries": ["logistics"]})
    )

    def rejected(name, by, reason, note="", **values):
        lead = handed_off(ready_lead(by=marketer, last_name=name, email=f"{name}@x.nl",
                                     **values), by=marketer)  # fmt: skip
        if lead.owner != by:
            lifecycle.reassign(lead_id=lead.pk, to_id=by.pk, by=sales_manager)
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=by, reason=reason, note=note)
        return lead

    poor = rejected("Poor", salesperson, "no_budget", note="Budget round in March.\nCall then.")
    twice = rejected("Twice", salesperson, "duplicate")
    mover = rejected("Mover", colleague, "no_need", industry="logistics")
    return {"poor": poor, "twice": twice, "mover": mover, "colleague": colleague,
            "transport": transport}  # fmt: skip


def _shown(body: str, *leads) -> list[bool]:
    return [f'href="/leads/{lead.pk}/"' in body for lead in leads]


def test_the_note_of_the_salesperson_has_its_own_column(login, marketer, rejections):
    body = login(marketer).get(URL).text
    assert "Note from sales" in body
    assert "Budget round in March.<br>Call then." in body


def test_filter_by_reason(login, marketer, rejections):
    r = rejections
    body = login(marketer).get(URL, {"reason": "duplicate"}).text
    assert _shown(body, r["poor"], r["twice"], r["mover"]) == [False, True, False]


def test_filter_by_salesperson(login, marketer, rejections):
    r = rejections
    body = login(marketer).get(URL, {"by": r["colleague"].pk}).text
    assert _shown(body, r["poor"], r["twice"], r["mover"]) == [False, False, True]


def test_filter_by_segment(login, marketer, rejections):
    r = rejections
    body = login(marketer).get(URL, {"segment": r["transport"].pk}).text
    assert _shown(body, r["poor"], r["twice"], r["mover"]) == [False, False, True]


def test_filters_combine_and_an_empty_result_says_so(login, marketer, salesperson, rejections):
    client = login(marketer)
    both = client.get(URL, {"reason": "no_budget", "by": salesperson.pk}).text
    assert _shown(both, rejections["poor"], rejections["twice"]) == [True, False]
    none = client.get(URL, {"reason": "no_need", "by": salesperson.pk}).text
    assert "No rejected lead matches these filters." in none


def test_the_filter_partial_for_htmx(login, marketer, rejections):
    body = login(marketer).get(URL, {"reason": "duplicate"}, headers={"HX-Request": "true"}).text
    assert body.lstrip().startswith('<section id="results"') and "<html" not in body


def test_bad_filter_values_are_ignored_not_an_error(login, marketer, rejections):
    for query in ({"reason": "<script>"}, {"by": "²"}, {"segment": "x"}):
        response = login(marketer).get(URL, query)
        assert response.status_code == 200
        assert all(_shown(response.text, rejections["poor"], rejections["mover"]))


def test_the_reasons_of_an_agreement_are_filterable_too(marketer, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager,
                   rejection_reasons=["no_need", "Wrong region"])  # fmt: skip
    codes = [code for code, _label in queries.rejection_reason_choices()]
    assert "Wrong region" in codes and "cannot_reach" in codes and codes[-1] == "other"


def test_the_filtered_list_runs_a_constant_number_of_queries(
    login, marketer, salesperson, rejections
):
    client = login(marketer)

    def grow():
        for n in range(3):
            more = handed_off(ready_lead(by=marketer, email=f"r{n}@x.nl"), by=marketer)
            lifecycle.change_stage(
                lead_id=more.pk, to=Stage.REJECTED, by=more.owner, reason="no_budget"
            )

    query = {"reason": "no_budget", "by": salesperson.pk}
    assert_same_query_count(lambda: client.get(URL, query), grow)
