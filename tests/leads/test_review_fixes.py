"""Fixes from the review of the leads app: values that must fit their columns, imports
started once, blanks on update, scorings taking turns, who sees which job, token expiry,
the export's header."""

import csv
import datetime
import io
import json
import logging
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from leads import scoring_sql, services
from leads.fields import FieldError, parse_amount, parse_revenue, parse_whole_number
from leads.models import ApiToken, BackgroundJob, ImportJob, Lead
from leads.queries import EXPORT_COLUMNS
from tests.conftest import make_person
from tests.leads.helpers import make_lead, make_segment, make_token, snapshot
from tests.leads.test_csv_import import _import, _uploaded
from tests.leads.test_segments import FORM

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Background tasks run in-process, after the request's transaction commits."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _post_lead(client, token: str, body: dict):
    return client.post(
        reverse("api_leads"),
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


# 2. Amounts and numbers fit their columns ------------------------------------------------


@pytest.mark.parametrize("value", ["1.23456", "0.0015", 50_000_000_000, "10.000.000.000", 1e10])
def test_an_estimated_value_that_does_not_fit_the_column_is_refused(value):
    with pytest.raises(FieldError):
        parse_amount(value)


@pytest.mark.parametrize(
    ("value", "amount"),
    [("9.999.999.999,99", Decimal("9999999999.99")), ("1.50000", Decimal("1.50")), (12, 12)],
)
def test_estimated_values_that_fit_are_kept_to_the_cent(value, amount):
    parsed = parse_amount(value)
    assert parsed == amount and parsed.as_tuple().exponent == -2


def test_revenue_and_employees_fit_their_columns():
    assert parse_revenue("50.000.000.000") == 50_000_000_000  # a bigint column
    assert parse_revenue("999999999999.9") == 999_999_999_999
    with pytest.raises(FieldError):
        parse_revenue(10**12)
    with pytest.raises(FieldError):
        parse_whole_number(3_000_000_000)  # an integer column


@pytest.mark.parametrize("value", ["1.23456", 50_000_000_000])
def test_api_refuses_an_estimated_value_that_does_not_fit_with_a_field_error(
    client, manager, value
):
    token = make_token(by=manager)[1]
    before = snapshot()
    response = _post_lead(client, token, {"email": "a@b.nl", "estimated_value": value})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_fields"
    assert set(response.json()["fields"]) == {"estimated_value"}
    assert snapshot() == before


def test_api_turns_a_model_validation_error_into_a_field_error(client, manager, monkeypatch):
    token = make_token(by=manager)[1]

    def refuse(**kwargs):
        raise ValidationError({"phone": ["Not a phone number.", "Too long."]})

    monkeypatch.setattr(services, "create_lead", refuse)
    response = _post_lead(client, token, {"email": "a@b.nl", "phone": "x"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_fields"
    assert response.json()["fields"] == {"phone": "Not a phone number. Too long."}


def test_import_of_valid_rows_rejects_values_too_large_and_imports_the_rest(
    login, marketer, run_tasks
):
    client = login(marketer)
    content = b"Email;Deal value\nok@x.nl;1500,50\nbig@x.nl;50000000000\ncents@x.nl;1,23456\n"
    import_job = _uploaded(client, content)
    assert import_job.mapping == {"0": "email", "1": "estimated_value"}
    run_tasks(lambda: _import(client, import_job, mode="valid"))
    import_job.refresh_from_db()
    assert import_job.job.status == "done", import_job.job.message
    assert list(Lead.objects.values_list("email", "estimated_value")) == [
        ("ok@x.nl", Decimal("1500.50"))
    ]
    assert import_job.rejected == 2


# 3. The segment form keeps to the columns ------------------------------------------------


@pytest.mark.parametrize("values", [{"employees_min": "3000000000"}, {"revenue_min": str(10**20)}])
def test_segment_form_refuses_numbers_too_large_for_the_columns(login, marketer, values):
    before = snapshot()
    response = login(marketer).post(reverse("segment_create"), FORM | values)
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert snapshot() == before


def test_segment_view_shows_a_model_validation_error_on_the_form(login, marketer, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"revenue_max": ["Revenue rule broken."], "segment": ["Odd."]})

    monkeypatch.setattr(services, "save_segment", refuse)
    response = login(marketer).post(reverse("segment_create"), FORM)
    assert response.status_code == 200
    assert "Revenue rule broken." in response.text and "Odd." in response.text


# 4. An import starts once ----------------------------------------------------------------


def test_starting_an_import_twice_starts_one_background_job(
    login, marketer, django_capture_on_commit_callbacks
):
    import_job = _uploaded(login(marketer), b"Email\na@b.nl\n")
    choices = {"mapping": {"0": "email"}, "mode": "all", "duplicates": "skip"}
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.start_import(import_job=import_job, **choices)
        # The second click still holds the import as it was read before the first start.
        second = services.start_import(import_job=import_job, **choices)
    assert first == second
    assert BackgroundJob.objects.filter(kind="import").count() == 1
    assert len(callbacks) == 1
    assert ImportJob.objects.get().job == first


# 5. Blank cells do not wipe known values -------------------------------------------------


def test_update_of_duplicates_keeps_values_of_blank_cells(login, marketer, run_tasks):
    existing = make_lead(email="anna@x.nl", company="Old", job_title="Keep", employees=120)
    client = login(marketer)
    content = b"Email,Company,Job Title,Employees\nanna@x.nl,,New title,\n"
    run_tasks(lambda: _import(client, _uploaded(client, content), duplicates="update"))
    existing.refresh_from_db()
    assert (existing.company, existing.job_title, existing.employees) == ("Old", "New title", 120)
    assert "old" in existing.search_text


# 6. Scorings take turns ------------------------------------------------------------------

needs_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="advisory locks are PostgreSQL's"
)


def _lock_then_profiles(queries: list[dict]) -> None:
    sql = [query["sql"] for query in queries]
    lock = next(i for i, text in enumerate(sql) if "pg_advisory_xact_lock" in text)
    profiles = next(i for i, text in enumerate(sql) if "idealcustomerprofile" in text)
    assert lock < profiles, "the lock must be taken before the profiles are read"


@needs_postgresql
def test_rescoring_holds_the_scoring_lock_before_reading_the_profiles(manager):
    make_segment(by=manager)
    make_lead(industry="manufacturing")
    with CaptureQueriesContext(connection) as queries:
        services.rescore_all()
    _lock_then_profiles(queries.captured_queries)
    # The lock is held until the transaction ends (here the test's): another worker waits.
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [services.SCORING_LOCK])
            assert cursor.fetchone() == (False,)
    finally:
        other.close()


@needs_postgresql
def test_an_import_takes_the_scoring_lock_before_reading_the_profiles(login, marketer):
    client = login(marketer)
    import_job = _uploaded(client, b"Email\na@b.nl\n")
    services.start_import(import_job=import_job, mapping={"0": "email"}, mode="all",
                          duplicates="skip")  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        services.run_import(import_id=import_job.pk)
    _lock_then_profiles(queries.captured_queries)


# 7. Jobs: who sees them, and what a failure says -----------------------------------------


def test_an_import_job_is_only_visible_to_whoever_started_it(login, marketer):
    colleague = make_person("marketer", username="colleague")
    import_job = _uploaded(login(marketer), b"Email\na@b.nl\n")
    services.start_import(import_job=import_job, mapping={"0": "email"}, mode="all",
                          duplicates="skip")  # fmt: skip
    job = ImportJob.objects.get().job
    url = reverse("job_progress", args=[job.pk])
    assert login(marketer).get(url).status_code == 200
    other = login(colleague)
    assert other.get(url).status_code == 404
    page = other.get(reverse("segment_list"), {"job": job.pk}).text
    assert url not in page


def test_a_rescore_job_is_visible_to_everyone_who_sees_leads(login, marketer, salesperson):
    job = BackgroundJob.objects.create(kind="rescore", started_by=marketer, total=10)
    url = reverse("job_progress", args=[job.pk])
    assert login(salesperson).get(url).status_code == 200
    assert url in login(salesperson).get(reverse("segment_list"), {"job": job.pk}).text


def test_a_failed_import_shows_a_plain_message_and_logs_the_error(
    login, marketer, run_tasks, monkeypatch, caplog
):
    def fail(rows, **kwargs):
        raise RuntimeError('duplicate key value violates "lead_pkey" (secret@x.nl)')

    monkeypatch.setattr(services, "_insert_leads", fail)
    client = login(marketer)
    import_job = _uploaded(client, b"Email\nsecret@x.nl\n")
    with caplog.at_level(logging.ERROR, logger="leads.services"):
        run_tasks(lambda: _import(client, import_job))
    import_job.refresh_from_db()
    assert import_job.job.status == "failed"
    assert "secret" not in import_job.job.message and import_job.job.message
    assert "secret@x.nl" in caplog.text


def test_a_failed_rescore_shows_a_plain_message(manager, monkeypatch):
    make_lead()
    job = BackgroundJob.objects.create(kind="rescore", started_by=manager)

    def fail(*args, **kwargs):
        raise RuntimeError("numeric field overflow in SELECT …")

    monkeypatch.setattr(scoring_sql, "rescore_range", fail)
    with pytest.raises(RuntimeError):
        services.rescore_all(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "overflow" not in job.message and job.message


# 11. API tokens --------------------------------------------------------------------------


def test_a_token_cannot_expire_in_the_past(login, manager):
    yesterday = timezone.localdate(timezone=AMSTERDAM) - datetime.timedelta(days=1)
    response = login(manager).post(
        reverse("api_tokens"), {"name": "Website", "expires_at": yesterday.isoformat()}
    )
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert not ApiToken.objects.exists()


def test_a_token_works_through_its_last_day(login, manager):
    today = timezone.localdate(timezone=AMSTERDAM)
    login(manager).post(reverse("api_tokens"), {"name": "Website", "expires_at": today})
    token = ApiToken.objects.get()
    assert token.is_active
    end = token.expires_at.astimezone(AMSTERDAM)
    assert (end.date(), end.hour, end.minute) == (today, 23, 59)


# 16. The export speaks the user's language -----------------------------------------------


def test_export_header_is_translated_and_times_are_local_to_the_second(login, salesperson):
    lead = make_lead(first_name="Anna")
    Lead.objects.filter(pk=lead.pk).update(
        created_at=datetime.datetime(2025, 1, 15, 9, 30, 5, 123456, tzinfo=datetime.UTC)
    )
    response = login(salesperson).get(reverse("lead_export"), headers={"Accept-Language": "en"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    with translation.override("en"):
        assert header == [str(label) for _path, label in EXPORT_COLUMNS]
    assert not any(re.search(r"__|_", name) for name in header)
    assert header[0] == "First name" and header[-1] == "Created"
    assert row[-1] == "2025-01-15 10:30:05"  # Amsterdam is an hour ahead in winter
