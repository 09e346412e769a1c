"""The segment editor's preview: the effect of an edit on every segment, before saving."""

import random

import pytest
from django.urls import reverse

from leads.models import Lead, LeadFit, Source
from leads.profiles import queries, rescoring, scoring
from leads.profiles.forms import WEIGHT_FIELDS
from tests.leads.helpers import MANUFACTURING_ICP, make_lead, make_segment, snapshot
from tests.queries import assert_same_query_count

LOGISTICS = {"industries": ["logistics"], "industry_weight": 7, "countries": ["NL"],
             "country_weight": 3}  # fmt: skip


def _form(name: str, profile: dict, *, active: bool = True) -> dict:
    data = {"name": name, "description": ""} | ({"active": "on"} if active else {})
    data |= dict.fromkeys(WEIGHT_FIELDS, "0")
    for key, value in profile.items():
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list):
            data[key] = value if key in ("industries", "countries") else ", ".join(value)
        else:
            data[key] = str(value)
    return data


def _preview(client, segment=None, data=None, language="en"):
    url = (
        reverse("leads:segment_edit_preview", args=[segment.pk])
        if segment
        else reverse("leads:segment_preview")
    )
    return client.post(url, data, headers={"HX-Request": "true", "Accept-Language": language})


def _rows(effect) -> dict:
    return {c.name: (c.leads_now, c.leads_after, c.high_now, c.high_after) for c in effect.segments}


def test_preview_shows_what_an_edit_takes_from_another_segment(login, marketer):
    manufacturing = make_segment(by=marketer)
    logistics = make_segment(by=marketer, name="Logistics", **LOGISTICS)
    for _ in range(3):  # manufacturing 83 (no title), logistics 30 (NL only) → manufacturing
        make_lead(industry="manufacturing", employees=100, country="NL", job_title="Buyer")
    make_lead(industry="logistics", country="NL")  # logistics 100
    # Logistics now also wants manufacturers, with more weight: 100 for them, they move.
    edit = LOGISTICS | {"industries": ["logistics", "manufacturing"], "industry_weight": 10}
    response = _preview(login(marketer), logistics, _form("Logistics", edit))

    effect = response.context["effect"]
    assert _rows(effect) == {
        "Logistics": (1, 4, 1, 4),
        "Manufacturers Benelux": (3, 0, 3, 0),
    }
    assert [(m.source, m.target, m.leads) for m in effect.moves] == [
        ("Manufacturers Benelux", "Logistics", 3)
    ]
    assert effect.exact and effect.margin == 0
    assert "Manufacturers Benelux → Logistics" in response.text
    assert "<html" not in response.text
    # Nothing is stored: the leads keep their segment until the profile is saved.
    assert LeadFit.objects.filter(segment=manufacturing).count() == 3


def test_preview_of_a_new_segment_and_of_switching_one_off(login, marketer):
    manufacturing = make_segment(by=marketer)
    make_lead(industry="manufacturing", employees=100, country="NL", job_title="Director")
    make_lead(industry="logistics", country="NL")
    client = login(marketer)

    effect = _preview(client, None, _form("", LOGISTICS)).context["effect"]
    # The logistics lead scored 25 on manufacturing (NL only): it moves to the new segment.
    assert _rows(effect) == {"New segment": (0, 1, 0, 1), "Manufacturers Benelux": (2, 1, 1, 1)}
    moves = [(m.source, m.target) for m in effect.moves]
    assert moves == [("Manufacturers Benelux", "New segment")]
    assert effect.segments[0].edited and effect.segments[0].segment_id is None

    off = _form(manufacturing.name, MANUFACTURING_ICP, active=False)
    response = _preview(client, manufacturing, off)
    effect = response.context["effect"]
    assert _rows(effect) == {"Manufacturers Benelux": (2, 0, 1, 0)}
    assert [(m.source, m.target, m.leads) for m in effect.moves] == [
        ("Manufacturers Benelux", "", 2)
    ]
    assert "Manufacturers Benelux → <em>no segment</em>" in response.text


def test_a_tie_goes_to_the_older_segment_as_in_the_reference_scorer(login, marketer):
    make_segment(by=marketer, name="Older", **LOGISTICS)
    make_lead(industry="logistics", country="NL")
    effect = _preview(login(marketer), None, _form("Newer", LOGISTICS)).context["effect"]
    assert _rows(effect) == {"Newer": (0, 0, 0, 0), "Older": (1, 1, 1, 1)}
    assert effect.moves == []


TITLES = ["Operations Director", "BUYER", "director of sales", "", "Head of Ops"]


def _varied_leads(count: int) -> None:
    """Leads as an import writes them: rows, then their fits (the kept counts follow). Their
    ids are fixed, so a sampled preview counts the same leads whichever tests ran before (the
    margin is a 95 % one: of twenty placements of these ids, one sample missed it)."""
    rng = random.Random(11)
    Lead.objects.bulk_create(
        Lead(
            id=1_000_001 + n,
            source=Source.IMPORT,
            email=f"p{n}@{rng.choice(['metaal.nl', 'gmail.com', 'student.uva.nl'])}",
            company=rng.choice(["Van Dijk", "Rival BV", ""]),
            job_title=rng.choice(TITLES),
            industry=rng.choice(["manufacturing", "logistics", "retail", ""]),
            employees=rng.choice([None, 10, 50, 499, 5000]),
            annual_revenue=rng.choice([None, 999_999, 1_000_000, 80_000_000]),
            country=rng.choice(["NL", "BE", "DE", ""]),
        )
        for n in range(count)
    )
    rescoring.rescore_all()


def _reference(profiles: list[scoring.Profile]) -> dict:
    """Per segment id: (leads, high-fit leads), from the pure reference scorer."""
    result: dict = {}
    for lead in Lead.objects.all():
        fit = scoring.best_fit(profiles, queries.facts_of(lead))
        if fit:
            leads, high = result.get(fit.segment_id, (0, 0))
            result[fit.segment_id] = (leads + 1, high + (fit.score >= scoring.HIGH_FIT))
    return result


def test_the_effect_equals_the_reference_scorer_before_and_after(marketer):
    make_segment(by=marketer)
    edited = make_segment(by=marketer, name="Ops", title_words=["ops"], title_weight=5,
                          countries=["NL"], country_weight=5)  # fmt: skip
    make_segment(by=marketer, name="Big", employees_min=400, employees_weight=6,
                 excluded_email_domains=["gmail.com"])  # fmt: skip
    _varied_leads(300)
    change = {"title_words": ["ops", "buyer", "director"], "title_weight": 8,
              "countries": ["NL", "BE"], "country_weight": 2,
              "revenue_min": 1_000_000, "revenue_weight": 3}  # fmt: skip

    effect = queries.edit_effect(segment=edited, values=change, active=True, name="Ops")

    now = _reference(queries.active_profiles())
    later_profiles = [
        scoring.profile_from(edited.pk, change, "Ops") if p.segment_id == edited.pk else p
        for p in queries.active_profiles()
    ]
    later = _reference(later_profiles)
    for change_row in effect.segments:
        sid = change_row.segment_id
        assert (change_row.leads_now, change_row.high_now) == now.get(sid, (0, 0))
        assert (change_row.leads_after, change_row.high_after) == later.get(sid, (0, 0))
    assert sum(m.leads for m in effect.moves) > 0


def test_beyond_the_sample_size_the_preview_estimates_with_a_margin(marketer, monkeypatch):
    make_segment(by=marketer)
    _varied_leads(400)
    monkeypatch.setattr(queries, "PREVIEW_SAMPLE", 100)
    sampled = queries.edit_effect(segment=None, values=LOGISTICS, active=True, name="New")
    monkeypatch.setattr(queries, "PREVIEW_SAMPLE", 10_000)
    exact = queries.edit_effect(segment=None, values=LOGISTICS, active=True, name="New")

    assert sampled.total == exact.total == 400
    # A quarter of the slots: about a hundred of these 400 consecutive ids.
    assert sampled.sample_every == 4 and 95 <= sampled.counted <= 105
    assert not sampled.exact and sampled.margin > 0
    for estimate, truth in zip(sampled.segments, exact.segments, strict=True):
        assert abs(estimate.leads_after - truth.leads_after) <= sampled.margin
        assert abs(estimate.high_after - truth.high_after) <= sampled.margin


@pytest.mark.parametrize("weight", ["15", "-1", "x"])
def test_preview_refuses_a_weight_outside_0_to_10_with_a_clear_message(login, marketer, weight):
    make_segment(by=marketer)
    make_lead(industry="logistics", country="NL")
    data = _form("Logistics", LOGISTICS) | {"industry_weight": weight}
    client = login(marketer)
    response = _preview(client, None, data)
    assert response.context["effect"] is None
    assert "Give a weight from 0 (off) to 10." in response.text
    assert 'href="#id_industry_weight"' in response.text

    response = _preview(client, None, data, language="nl")
    assert "Geef een gewicht van 0 (uit) tot 10." in response.text


def test_saving_a_weight_above_10_is_refused_and_nothing_changes(login, marketer):
    before = snapshot()
    response = login(marketer).post(
        reverse("leads:segment_create"),
        _form("Logistics", LOGISTICS | {"country_weight": 15}),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["country_weight"] == [
        "Give a weight from 0 (off) to 10."
    ]
    assert snapshot() == before


def test_an_invalid_name_does_not_stop_the_preview(login, marketer):
    make_segment(by=marketer, name="Taken")
    response = _preview(login(marketer), None, _form("Taken", LOGISTICS))
    assert response.context["effect"] is not None
    assert response.context["errors"] == []


def test_preview_runs_a_constant_number_of_queries(login, marketer):
    client = login(marketer)
    segment = make_segment(by=marketer)
    make_lead(industry="logistics", country="NL")
    data = _form(segment.name, MANUFACTURING_ICP | {"industry_weight": 9})

    def grow():
        make_segment(by=marketer, name="Logistics", **LOGISTICS)
        make_segment(by=marketer, name="Retail", industries=["retail"], industry_weight=3)
        _varied_leads(50)

    assert_same_query_count(lambda: _preview(client, segment, data), grow)


def test_preview_of_an_unknown_segment_is_404(login, marketer):
    assert _preview(login(marketer), type("S", (), {"pk": 999})(), {}).status_code == 404
