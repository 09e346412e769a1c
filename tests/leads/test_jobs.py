"""Background jobs: who may see their progress."""

from django.urls import reverse

from leads.intake import services
from leads.models import BackgroundJob, ImportJob
from tests.conftest import make_person
from tests.leads.intake.test_csv_import import _uploaded


def test_an_import_job_is_only_visible_to_whoever_started_it(login, marketer):
    colleague = make_person("marketer", username="colleague")
    import_job = _uploaded(login(marketer), b"Email\na@b.nl\n")
    services.start_import(import_job=import_job, mapping={"0": "email"}, mode="all",
                          duplicates="skip")  # fmt: skip
    job = ImportJob.objects.get().job
    url = reverse("leads:job_progress", args=[job.pk])
    assert login(marketer).get(url).status_code == 200
    other = login(colleague)
    assert other.get(url).status_code == 404
    page = other.get(reverse("leads:segment_list"), {"job": job.pk}).text
    assert url not in page


def test_a_rescore_job_is_visible_to_everyone_who_sees_leads(login, marketer, salesperson):
    job = BackgroundJob.objects.create(kind="rescore", started_by=marketer, total=10)
    url = reverse("leads:job_progress", args=[job.pk])
    assert login(salesperson).get(url).status_code == 200
    assert url in login(salesperson).get(reverse("leads:segment_list"), {"job": job.pk}).text
