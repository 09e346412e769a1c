"""After an all-or-nothing import was refused for its bad rows, the file is not dead: the
result page offers to import its N valid rows, as an explicit second choice. A new import
starts with "the valid rows" chosen, as CRMs do."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leads.intake import services
from leads.models import BackgroundJob, ImportJob, Lead
from tests.conftest import make_person
from tests.leads.helpers import snapshot
from tests.queries import assert_same_query_count

FILE = b"Email,Company\ngood@x.nl,Metaal\nnot-an-email,Bad\nfine@y.nl,Bouw\n"


@pytest.fixture
def client_en(client, marketer):
    client.force_login(marketer.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _upload(client, content: bytes = FILE) -> ImportJob:
    client.post(reverse("leads:import_upload"), {"file": SimpleUploadedFile("x.csv", content)})
    return ImportJob.objects.latest("pk")


def _import(client, import_job: ImportJob, mode: str):
    data = {f"column_{i}": name for i, name in import_job.mapping.items()}
    data |= {"mode": mode, "duplicates": "skip", "action": "import"}
    return client.post(import_job.get_absolute_url(), data)


@pytest.fixture
def refused(client_en, run_tasks) -> ImportJob:
    import_job = _upload(client_en)
    run_tasks(lambda: _import(client_en, import_job, "all"))
    import_job.refresh_from_db()
    assert import_job.job.status == BackgroundJob.Status.FAILED
    assert not Lead.objects.exists()
    return import_job


def test_the_refused_import_offers_its_valid_rows(client_en, refused):
    body = client_en.get(refused.get_absolute_url()).content.decode()
    assert "Import the 2 valid rows" in body
    assert reverse("leads:import_valid_rows", args=[refused.pk]) in body
    assert reverse("leads:import_rejected", args=[refused.pk]) in body


def test_importing_the_valid_rows_imports_them_and_reports_the_rest(client_en, refused, run_tasks):
    url = reverse("leads:import_valid_rows", args=[refused.pk])
    response = run_tasks(lambda: client_en.post(url))
    assert response.status_code == 302
    assert sorted(Lead.objects.values_list("email", flat=True)) == ["fine@y.nl", "good@x.nl"]
    refused.refresh_from_db()
    assert (refused.mode, refused.job.status) == ("valid", BackgroundJob.Status.DONE)
    assert (refused.created, refused.rejected) == (2, 1)
    assert BackgroundJob.objects.count() == 1  # the refused run gave way to this one
    body = client_en.get(refused.get_absolute_url()).content.decode()
    assert "The import is complete." in body
    assert "Import the 2 valid rows" not in body


def test_a_second_click_imports_nothing_twice(client_en, refused, run_tasks):
    url = reverse("leads:import_valid_rows", args=[refused.pk])
    run_tasks(lambda: client_en.post(url))
    before = snapshot()
    run_tasks(lambda: client_en.post(url))
    assert snapshot() == before
    assert Lead.objects.count() == 2


def test_nothing_is_offered_when_no_row_is_valid(client_en, run_tasks):
    import_job = _upload(client_en, b"Email\nnope\nalso-not\n")
    run_tasks(lambda: _import(client_en, import_job, "all"))
    import_job.refresh_from_db()
    assert services.valid_rows_left(import_job) == 0
    assert "valid row" not in client_en.get(import_job.get_absolute_url()).content.decode()
    response = client_en.post(reverse("leads:import_valid_rows", args=[import_job.pk]), follow=True)
    assert "There are no valid rows left to import" in response.content.decode()
    assert not Lead.objects.exists()


def test_an_import_that_ran_cannot_run_again(client_en, run_tasks):
    import_job = _upload(client_en)
    run_tasks(lambda: _import(client_en, import_job, "valid"))
    before = snapshot()
    client_en.post(reverse("leads:import_valid_rows", args=[import_job.pk]))
    assert snapshot() == before


def test_only_the_uploader_may_import_the_valid_rows(client, refused, manager, salesperson):
    url = reverse("leads:import_valid_rows", args=[refused.pk])
    client.force_login(manager.user)
    assert client.post(url).status_code == 404  # someone else's file
    client.force_login(salesperson.user)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code in (403, 405)
    assert not Lead.objects.exists()


def test_the_default_is_to_import_the_valid_rows(client_en):
    import_job = _upload(client_en)
    form = client_en.get(import_job.get_absolute_url()).context["form"]
    assert form["mode"].initial == ImportJob.Mode.VALID_ROWS
    choices = [value for value, _label in form.fields["mode"].choices]
    assert choices[0] == ImportJob.Mode.VALID_ROWS  # the default comes first


def test_the_result_page_runs_a_constant_number_of_queries(client_en, refused, run_tasks):
    def grow():
        other = make_person("marketer", username=f"m{ImportJob.objects.count()}")
        for _ in range(3):
            ImportJob.objects.create(created_by=other, filename="y.csv", content=b"")

    assert_same_query_count(lambda: client_en.get(refused.get_absolute_url()), grow)
