"""The lead list, the lead page and the form."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from leads.intake import services as intake
from leads.intake.queries import EXPORT_COLUMNS
from leads.models import Lead, LeadFit, Stage
from tests.leads.helpers import make_lead, make_segment, snapshot
from tests.queries import assert_same_query_count


def test_salesperson_sees_the_list_with_fit_and_segment(login, marketer, salesperson):
    segment = make_segment(by=marketer)
    make_lead(first_name="Anna", company="Van Dijk Metaal", industry="manufacturing",
              employees=120, country="NL", job_title="Operations Director")  # fmt: skip
    response = login(salesperson).get(reverse("leads:lead_list"))
    assert response.status_code == 200
    assert "Anna" in response.text
    assert segment.name in response.text
    assert 'class="fit fit-high"' in response.text


def test_htmx_filter_returns_only_the_results_partial(login, salesperson):
    make_lead(first_name="Anna", company="Metaal")
    make_lead(first_name="Bert", company="Bakkerij")
    response = login(salesperson).get(
        reverse("leads:lead_list"), {"q": "bakker"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert 'id="results"' in response.text
    assert "Bert" in response.text and "Anna" not in response.text


def test_a_word_of_one_or_two_letters_matches_where_a_word_starts(login, salesperson):
    make_lead(first_name="Anna", company="Brabant Metaal BV", email="anna@brabant.com")
    make_lead(first_name="Bert", company="Abvent Logistics", email="bert@abvent.com")
    make_lead(first_name="Bv", last_name="Claes", company="Delta Data", email="bv@delta.com")
    make_lead(first_name="Daan", last_name="de Jong", company="Maas IT", email="daan@maas.nl")
    client = login(salesperson)

    def found(q: str) -> set[str]:
        response = client.get(reverse("leads:lead_list"), {"q": q})
        return {lead.first_name for lead in response.context["page"].items}

    assert found("bv") == {"Anna", "Bv"}  # not "Abvent"
    assert found("de jong") == {"Daan"}
    assert found("nl") == {"Daan"}  # the address's last part
    assert found("metaal bv") == {"Anna"}  # and beside a longer word
    assert found("bven") == {"Bert"}  # three letters or more: anywhere, as before


def test_filters_by_stage_segment_owner_and_fit_band(login, marketer, salesperson):
    segment = make_segment(by=marketer)
    good = make_lead(first_name="Good", industry="manufacturing", employees=100, country="NL",
                     job_title="Director")  # fmt: skip
    make_lead(first_name="Poor", country="NL")
    Lead.objects.filter(pk=good.pk).update(stage=Stage.MQL, owner=salesperson)
    client = login(salesperson)
    for params in [
        {"stage": "mql"},
        {"segment": segment.pk, "fit": "high"},
        {"owner": salesperson.pk},
        {"fit": "high"},
    ]:
        text = client.get(reverse("leads:lead_list"), params).text
        assert "Good" in text and "Poor" not in text, params
    assert "Poor" in client.get(reverse("leads:lead_list"), {"fit": "low"}).text


def test_sort_and_pagination(login, salesperson):
    Lead.objects.bulk_create(
        [Lead(email=f"p{n}@x.nl", last_name=f"Name{n:03}", source="import") for n in range(30)]
    )
    client = login(salesperson)
    first = client.get(reverse("leads:lead_list"), {"sort": "name"}).text
    assert "Name000" in first and "Name029" not in first
    assert 'rel="next"' in first
    second = client.get(reverse("leads:lead_list"), {"sort": "name", "page": 2}).text
    assert "Name029" in second and 'rel="prev"' in second


def test_a_bad_filter_value_is_ignored_not_an_error(login, salesperson):
    make_lead(first_name="Anna")
    response = login(salesperson).get(reverse("leads:lead_list"), {"segment": "abc", "page": "x"})
    assert response.status_code == 200
    assert "Anna" in response.text


def test_empty_list_explains_how_to_add_leads(login, marketer):
    response = login(marketer).get(reverse("leads:lead_list"))
    assert reverse("leads:import_upload") in response.text
    assert 'class="empty"' in response.text


def test_list_runs_the_same_number_of_queries_at_10_and_1000_leads(login, marketer, salesperson):
    make_segment(by=marketer)

    def add(count):
        new = range(Lead.objects.count(), count)
        leads = Lead.objects.bulk_create(
            [Lead(email=f"p{n}@x.nl", source="import", owner=salesperson) for n in new]
        )
        LeadFit.objects.bulk_create([LeadFit(lead=lead, score=lead.pk % 100) for lead in leads])

    add(10)
    client = login(salesperson)
    assert_same_query_count(
        lambda: client.get(reverse("leads:lead_list"), {"sort": "fit"}), lambda: add(1000)
    )


def test_count_is_capped_on_large_lists(login, salesperson, monkeypatch):
    from leads.intake import queries

    monkeypatch.setattr(queries, "COUNT_CAP", 5)
    Lead.objects.bulk_create([Lead(email=f"p{n}@x.nl", source="import") for n in range(8)])
    text = login(salesperson).get(reverse("leads:lead_list")).text
    assert "More than 5 leads" in text or "Meer dan 5 leads" in text


def test_lead_page_explains_the_fit_per_criterion(login, marketer, salesperson):
    make_segment(by=marketer)
    lead = make_lead(industry="manufacturing", employees=10, country="NL", job_title="Director")
    response = login(salesperson).get(reverse("leads:lead_detail", args=[lead.pk]))
    text = response.text
    assert response.status_code == 200
    assert text.count('class="matched"') == 3  # industry, country, job title
    assert text.count('class="missed"') == 1  # employees
    assert "(gewicht 3)" in text or "(weight 3)" in text


def test_lead_page_names_the_disqualifier(login, marketer, salesperson):
    make_segment(by=marketer)
    lead = make_lead(email="x@student.uva.nl", industry="manufacturing")
    text = login(salesperson).get(reverse("leads:lead_detail", args=[lead.pk])).text
    assert lead.fit.score == 0
    assert "alert-error" in text


def test_unknown_lead_is_404(login, salesperson):
    assert login(salesperson).get(reverse("leads:lead_detail", args=[999])).status_code == 404


def test_marketer_adds_a_lead_by_form_and_it_is_scored(login, marketer):
    segment = make_segment(by=marketer)
    response = login(marketer).post(
        reverse("leads:lead_create"),
        {
            "first_name": "Anna",
            "last_name": "Bos",
            "email": "Anna@Metaal.NL",
            "company": "Metaal",
            "industry": "manufacturing",
            "employees": "100",
            "country": "NL",
            "job_title": "Director",
        },  # fmt: skip
    )
    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("leads:lead_detail", args=[lead.pk])
    assert (lead.email, lead.fit.score, lead.fit.segment) == ("anna@metaal.nl", 100, segment)
    assert lead.source == "form"


def test_form_errors_are_shown_and_nothing_is_saved(login, marketer):
    before = snapshot()
    response = login(marketer).post(
        reverse("leads:lead_create"),
        {"last_name": "Bos", "email": "not-an-email", "employees": "-3"},
    )
    assert response.status_code == 200
    assert response.text.count('class="error"') == 2  # email, employees (only email is required)
    assert snapshot() == before


def test_same_email_warns_and_needs_confirmation(login, marketer):
    existing = make_lead(email="anna@metaal.nl")
    client = login(marketer)
    data = {"last_name": "Bos", "email": "ANNA@metaal.nl", "company": "Metaal"}
    response = client.post(reverse("leads:lead_create"), data)
    assert response.status_code == 200
    assert reverse("leads:lead_detail", args=[existing.pk]) in response.text
    assert Lead.objects.count() == 1
    response = client.post(reverse("leads:lead_create"), data | {"confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Lead.objects.count() == 2


def _export(client, **params) -> list[list[str]]:
    response = client.get(reverse("leads:lead_export"), params)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","  # Dutch Excel wants semicolons
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_export_follows_the_filter_and_neutralises_formulas(login, salesperson):
    make_lead(first_name="=HYPERLINK(\"http://evil\")", company="@SUM(A1)", phone="+31 6 1",
              job_title="-2+3", last_name="\tTab", email="a@x.nl")  # fmt: skip
    make_lead(first_name="Other", email="b@y.nl", company="Bakkerij")
    rows = _export(login(salesperson), q="x.nl")
    assert len(rows) == 2
    _header, row = rows
    cell = dict(zip([path for path, _label, _kind in EXPORT_COLUMNS], row, strict=True))
    assert cell["first_name"] == '\'=HYPERLINK("http://evil")'
    assert cell["company"] == "'@SUM(A1)"
    assert cell["phone"] == "'+31 6 1"
    assert cell["job_title"] == "'-2+3"
    assert cell["last_name"] == "'\tTab"
    assert cell["email"] == "a@x.nl"


def test_export_is_refused_to_service_agents(login, service_agent):
    assert login(service_agent).get(reverse("leads:lead_export")).status_code == 403


def test_export_header_is_translated_and_times_are_local_to_the_second(login, salesperson):
    lead = make_lead(first_name="Anna")
    Lead.objects.filter(pk=lead.pk).update(
        created_at=datetime.datetime(2025, 1, 15, 9, 30, 5, 123456, tzinfo=datetime.UTC)
    )
    response = login(salesperson).get(
        reverse("leads:lead_export"), headers={"Accept-Language": "en"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    with translation.override("en"):
        assert header == [str(label) for _path, label, _kind in EXPORT_COLUMNS]
    assert not any(re.search(r"__|_", name) for name in header)
    assert header[0] == "First name" and header[-1] == "Created"
    assert row[-1] == "2025-01-15 10:30:05"  # Amsterdam is an hour ahead in winter


def test_the_lead_form_refuses_an_owner_outside_sales_and_saves_nothing(
    login, marketer, service_agent, admin_person
):
    client = login(marketer)
    for outsider in (service_agent, admin_person, marketer):
        data = {"last_name": "Bos", "email": "bos@bos.nl", "owner": outsider.pk}
        response = client.post(reverse("leads:lead_create"), data)
        assert response.status_code == 200
        assert response.context["form"].errors["owner"]
    assert not Lead.objects.exists()


def test_the_lead_service_refuses_an_owner_outside_sales(marketer):
    with pytest.raises(ValidationError):
        intake.create_lead(values={"email": "bos@bos.nl"}, owner=marketer)
    assert not Lead.objects.exists()


def test_the_lead_form_refuses_control_characters_as_the_api_does(login, marketer):
    data = {"last_name": "Bos\r\nBcc: all@example.com", "email": "bos@bos.nl", "company": "X\x00"}
    response = login(marketer).post(reverse("leads:lead_create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"last_name", "company"}
    assert not Lead.objects.exists()
