"""Segments and their ideal-customer profile: editing, live preview, background rescoring."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from leads.models import BackgroundJob, Segment
from leads.profiles import services
from tests.leads.helpers import make_lead, make_segment, snapshot

FORM = {
    "name": "Logistics NL",
    "description": "Transport",
    "active": "on",
    "industries": ["logistics"],
    "industry_weight": "5",
    "employees_min": "100",
    "employees_max": "",
    "employees_weight": "2",
    "revenue_weight": "0",
    "countries": ["NL"],
    "country_weight": "3",
    "title_words": "Logistiek, supply chain",
    "title_weight": "2",
    "excluded_email_domains": "@Gmail.com\nstudent.uva.nl",
    "competitors": "Rival BV",
    "exclude_other_countries": "on",
}


def test_marketer_creates_a_segment_and_all_leads_are_rescored(
    login, marketer, django_capture_on_commit_callbacks
):
    lead = make_lead(industry="logistics", employees=300, country="NL", job_title="Hoofd Logistiek")
    assert lead.fit.score == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = login(marketer).post(reverse("leads:segment_create"), FORM)
    segment = Segment.objects.get()
    job = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('leads:segment_list')}?job={job.pk}"
    assert segment.icp.title_words == ["logistiek", "supply chain"]
    assert segment.icp.excluded_email_domains == ["gmail.com", "student.uva.nl"]
    assert segment.icp.competitors == ["rival bv"]
    assert job.status == "done"
    lead.refresh_from_db()
    assert (lead.fit.score, lead.fit.segment) == (100, segment)


def test_editing_the_profile_rescores(login, marketer, django_capture_on_commit_callbacks):
    segment = make_segment(by=marketer)
    lead = make_lead(industry="manufacturing", employees=100, country="NL", job_title="Director")
    assert lead.fit.score == 100
    data = FORM | {"name": segment.name, "industries": ["retail"]}
    with django_capture_on_commit_callbacks(execute=True):
        login(marketer).post(reverse("leads:segment_edit", args=[segment.pk]), data)
    lead.refresh_from_db()
    # industry (5) and title (2) missed, employees ≥ 100 (2) and NL (3) matched: 5 of 12 → 42
    assert (lead.fit.score, lead.fit.segment) == (42, segment)


def test_progress_is_shown_and_polls_until_done(login, marketer):
    job = BackgroundJob.objects.create(kind="rescore", total=1000, done=0, status="running")
    client = login(marketer)
    page = client.get(reverse("leads:segment_list"), {"job": job.pk}).text
    assert f'hx-get="{reverse("leads:job_progress", args=[job.pk])}"' in page
    job.status, job.done = "done", 1000
    job.save()
    partial = client.get(
        reverse("leads:job_progress", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert "hx-trigger" not in partial.text
    assert 'value="1000"' in partial.text


def test_invalid_profile_is_refused_with_messages_and_nothing_changes(login, marketer):
    before = snapshot()
    data = FORM | {"employees_min": "500", "employees_max": "10", "industry_weight": "11",
                   "excluded_email_domains": "not a domain", "countries": []}  # fmt: skip
    response = login(marketer).post(reverse("leads:segment_create"), data)
    assert response.status_code == 200
    assert response.text.count('class="error"') >= 4
    assert snapshot() == before


def test_duplicate_segment_name_is_refused(login, marketer):
    make_segment(by=marketer, name="Logistics NL")
    response = login(marketer).post(
        reverse("leads:segment_create"), FORM | {"name": "logistics nl"}
    )
    assert response.status_code == 200
    assert Segment.objects.count() == 1


def test_salesperson_reads_segments_but_cannot_edit(login, marketer, salesperson):
    segment = make_segment(by=marketer)
    client = login(salesperson)
    page = client.get(reverse("leads:segment_list")).text
    assert segment.name in page
    assert reverse("leads:segment_edit", args=[segment.pk]) not in page
    assert client.post(reverse("leads:segment_edit", args=[segment.pk]), FORM).status_code == 403
    assert client.post(reverse("leads:segment_preview"), FORM).status_code == 403


@pytest.mark.parametrize("values", [{"employees_min": "3000000000"}, {"revenue_min": str(10**20)}])
def test_segment_form_refuses_numbers_too_large_for_the_columns(login, marketer, values):
    before = snapshot()
    response = login(marketer).post(reverse("leads:segment_create"), FORM | values)
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert snapshot() == before


def test_segment_view_shows_a_model_validation_error_on_the_form(login, marketer, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"revenue_max": ["Revenue rule broken."], "segment": ["Odd."]})

    monkeypatch.setattr(services, "save_segment", refuse)
    response = login(marketer).post(reverse("leads:segment_create"), FORM)
    assert response.status_code == 200
    assert "Revenue rule broken." in response.text and "Odd." in response.text


def test_a_segment_is_owned_by_someone_in_marketing_or_sales(login, marketer, service_agent):
    response = login(marketer).post(
        reverse("leads:segment_create"), FORM | {"owner": service_agent.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["owner"]
    with pytest.raises(ValidationError):
        make_segment(by=service_agent)
    assert not Segment.objects.exists()
