"""CSV import: upload, automatic column mapping, check, the two import modes, duplicates,
encodings and delimiters, and every kind of bad file."""

import csv
import gc
import io
import logging
import os
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alignment import bulk
from leads.intake import importing, services
from leads.models import BackgroundJob, ImportJob, Lead
from tests.leads.helpers import make_lead, make_segment, snapshot

HUBSPOT = (
    "First Name,Last Name,Email,Company Name,Job Title,Industry,Number of Employees,"
    "Annual Revenue,Country/Region\n"
    "Anna,Bos,anna@metaal.nl,Van Dijk Metaal,Operations Director,Manufacturing,120,"
    '"12,000,000",Netherlands\n'
    "Bert,Claes,bert@zorg.be,Zorggroep,ICT,Hospital & Health Care,800,,BE\n"
)


def _upload(client, content: bytes, name: str = "leads.csv"):
    return client.post(reverse("leads:import_upload"), {"file": SimpleUploadedFile(name, content)})


def _import(client, import_job: ImportJob, **choices):
    data = {f"column_{i}": f for i, f in import_job.mapping.items()}
    data |= {"mode": "all", "duplicates": "skip", "action": "import"} | choices
    return client.post(reverse("leads:import_mapping", args=[import_job.pk]), data)


def _uploaded(client, content: bytes) -> ImportJob:
    response = _upload(client, content)
    assert response.status_code == 302, response.text
    return ImportJob.objects.latest("pk")


def test_crm_export_is_mapped_checked_and_imported(login, marketer, run_tasks):
    segment = make_segment(by=marketer)
    client = login(marketer)
    import_job = _uploaded(client, HUBSPOT.encode())
    assert import_job.mapping == {
        "0": "first_name", "1": "last_name", "2": "email", "3": "company", "4": "job_title",
        "5": "industry", "6": "employees", "7": "annual_revenue", "8": "country",
    }  # fmt: skip
    page = client.get(reverse("leads:import_mapping", args=[import_job.pk])).text
    assert "Van Dijk Metaal" in page  # the sample values of each column

    response = run_tasks(lambda: _import(client, import_job))
    assert response.status_code == 302
    anna = Lead.objects.get(email="anna@metaal.nl")
    assert (anna.employees, anna.annual_revenue, anna.country) == (120, 12_000_000, "NL")
    assert (anna.industry, anna.fit.segment, anna.fit.score) == ("manufacturing", segment, 100)
    assert Lead.objects.get(email="bert@zorg.be").industry == "healthcare"
    outcome = client.get(reverse("leads:import_mapping", args=[import_job.pk])).text
    assert "2 leads added" in outcome or "2 leads toegevoegd" in outcome


def test_dutch_excel_file_with_semicolons_in_windows_1252(login, marketer, run_tasks):
    content = (
        "Voornaam;Achternaam;E-mailadres;Bedrijf;Functie;Land;Jaaromzet\r\n"
        "Zoë;Peeters;zoe@café.be;Café Brasserie;Zaakvoerder;België;€ 1.250.000,00\r\n"
    ).encode("cp1252")
    client = login(marketer)
    import_job = _uploaded(client, content)
    assert (import_job.encoding, import_job.delimiter) == ("windows-1252", ";")
    run_tasks(lambda: _import(client, import_job))
    lead = Lead.objects.get()
    assert (lead.first_name, lead.company, lead.country) == ("Zoë", "Café Brasserie", "BE")
    assert lead.annual_revenue == 1_250_000


def test_utf8_with_bom(login, marketer, run_tasks):
    client = login(marketer)
    import_job = _uploaded(client, "\ufeffEmail,Voornaam\nx@y.nl,Łukasz\n".encode())
    assert import_job.headers[0] == "Email"
    run_tasks(lambda: _import(client, import_job))
    assert Lead.objects.get().first_name == "Łukasz"


def test_the_check_reports_row_column_and_problem(login, marketer):
    content = (
        b"Email,Number of Employees,Country\n"
        b"ok@x.nl,10,NL\nbad-address,ten,Atlantis\nok@x.nl,5,NL\n"
    )
    client = login(marketer)
    import_job = _uploaded(client, content)
    data = {f"column_{i}": f for i, f in import_job.mapping.items()}
    data |= {"mode": "all", "duplicates": "skip", "action": "check"}
    response = client.post(reverse("leads:import_mapping", args=[import_job.pk]), data)
    rows = [
        [cell.strip() for cell in row.split("</td><td>")]
        for row in response.text.split("<tr><td>")[1:]
    ]
    assert [row[:2] for row in rows] == [
        ["3", "Email"], ["3", "Number of Employees"], ["3", "Country"], ["4", "Email"]
    ]  # fmt: skip
    assert "Atlantis" in response.text
    assert Lead.objects.count() == 0


def test_mapping_can_be_changed_and_must_include_email(login, marketer, run_tasks):
    client = login(marketer)
    import_job = _uploaded(client, b"Email,Naam,Organisatie\nx@y.nl,Bos,Metaal\n")
    base = {"mode": "all", "duplicates": "skip", "action": "import"}
    response = client.post(
        reverse("leads:import_mapping", args=[import_job.pk]), base | {"column_1": "last_name"}
    )
    assert response.status_code == 200  # no column for the email: refused
    assert Lead.objects.count() == 0
    mapping = {"column_0": "email", "column_1": "last_name", "column_2": "company"}
    run_tasks(
        lambda: client.post(reverse("leads:import_mapping", args=[import_job.pk]), base | mapping)
    )
    assert Lead.objects.get().last_name == "Bos"


def test_all_or_nothing_imports_nothing_when_a_row_is_invalid(login, marketer, run_tasks):
    client = login(marketer)
    import_job = _uploaded(client, b"Email\ngood@x.nl\nnot-an-email\n")
    before = snapshot()["Lead"]
    run_tasks(lambda: _import(client, import_job))
    assert snapshot()["Lead"] == before
    import_job.refresh_from_db()
    assert import_job.job.status == "failed"
    assert import_job.errors == [[3, "Email", import_job.errors[0][2]]]
    page = client.get(reverse("leads:import_mapping", args=[import_job.pk])).text
    assert "not-an-email" in page


def test_valid_rows_mode_imports_them_and_offers_the_rejected_as_csv(login, marketer, run_tasks):
    client = login(marketer)
    import_job = _uploaded(client, b"Email,Company\ngood@x.nl,=cmd()\nnot-an-email,Bad\n")
    run_tasks(lambda: _import(client, import_job, mode="valid"))
    assert list(Lead.objects.values_list("email", flat=True)) == ["good@x.nl"]
    response = client.get(reverse("leads:import_rejected", args=[import_job.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:2] == ["Email", "Company"]
    assert row[0] == "not-an-email" and "Email" in row[2]


def test_duplicates_are_skipped_or_updated_as_chosen(login, marketer, run_tasks):
    existing = make_lead(email="anna@x.nl", company="Old", job_title="Keep")
    client = login(marketer)
    content = b"Email,Company\nANNA@x.nl,New\nnew@x.nl,Other\n"
    run_tasks(lambda: _import(client, _uploaded(client, content)))
    existing.refresh_from_db()
    assert existing.company == "Old"
    assert Lead.objects.count() == 2
    run_tasks(lambda: _import(client, _uploaded(client, content), duplicates="update"))
    existing.refresh_from_db()
    assert (existing.company, existing.job_title) == ("New", "Keep")
    assert Lead.objects.count() == 2


def test_a_failure_mid_way_rolls_back_everything(login, marketer, run_tasks, monkeypatch):
    written = []
    real = importing.insert_rows

    def fail_half_way(model, columns, records):
        records = list(records)
        real(model, columns, records[:3])
        written.extend(records[:3])
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "insert_rows", fail_half_way)
    client = login(marketer)
    import_job = _uploaded(client, b"Email\n" + b"".join(b"p%d@x.nl\n" % n for n in range(5)))
    run_tasks(lambda: _import(client, import_job))
    import_job.refresh_from_db()
    assert len(written) == 3
    assert Lead.objects.count() == 0
    assert import_job.job.status == "failed"
    assert "nothing was imported" in import_job.job.message or "niets" in import_job.job.message


def test_all_or_nothing_with_bad_rows_in_later_batches_writes_no_batch(
    login, marketer, run_tasks, monkeypatch
):
    """Every bad row is reported, wherever it is, and none of the batches is written; the
    valid rows can then be imported on their own."""
    monkeypatch.setattr(importing, "IMPORT_BATCH", 2)
    client = login(marketer)
    rows = [b"p0@x.nl", b"p1@x.nl", b"p2@x.nl", b"bad-one", b"p4@x.nl", b"bad-two"]
    import_job = _uploaded(client, b"Email\n" + b"\n".join(rows) + b"\n")
    run_tasks(lambda: _import(client, import_job))
    import_job.refresh_from_db()
    assert Lead.objects.count() == 0
    assert (import_job.job.status, import_job.created, import_job.rejected) == ("failed", 0, 2)
    assert [number for number, _column, _problem in import_job.errors] == [5, 7]

    again = _uploaded(client, b"Email\n" + b"\n".join(rows))
    run_tasks(lambda: _import(client, again, mode="valid"))
    assert sorted(Lead.objects.values_list("email", flat=True)) == [
        "p0@x.nl", "p1@x.nl", "p2@x.nl", "p4@x.nl"
    ]  # fmt: skip


def test_progress_of_a_running_import_is_polled(login, marketer):
    client = login(marketer)
    import_job = _uploaded(client, b"Email\na@b.nl\n")
    _import(client, import_job)  # without running the task: it waits in the queue
    page = client.get(reverse("leads:import_mapping", args=[import_job.pk])).text
    assert 'hx-trigger="every 1s"' in page


# Bad files: each gets a clear message and leaves the database exactly as it was.

BAD_FILES = {
    "wrong delimiter": (b"Email|Name\na@b.nl|Bos\n", ["separated", "gescheiden"]),
    "unknown encoding": ("Email,Naam\na@b.nl,Bos\n".encode("utf-16"), ["UTF-16"]),
    "binary garbage": (bytes(range(256)) * 40, ["CSV"]),
    "latin garbage": (os.urandom(0) + bytes([0x81, 0x8D, 0x8F]) * 50, ["UTF-8"]),
    "missing required column": (b"Name,Company\nBos,Metaal\n", ["Email"]),
    "empty file": (b"", ["empty", "leeg"]),
    "only a BOM and blank lines": (b"\xef\xbb\xbf\r\n\r\n", ["empty", "leeg"]),
    "header without rows": (b"Email,Name\n", ["no rows", "geen rijen"]),
    "50,000 columns": (",".join(f"c{n}" for n in range(50_000)).encode() + b"\n", ["100"]),
    "broken quoting": (b'Email,Name\n"a@b.nl,"Bos\n' + b"x" * 200_000 + b"\n", ["CSV"]),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_refused_clearly_and_changes_nothing(login, marketer, kind):
    content, words = BAD_FILES[kind]
    client = login(marketer)
    before = snapshot()
    response = _upload(client, content)
    assert response.status_code == 200
    errors = response.text.split('class="error"')[1:]
    assert errors, "no error shown"
    assert any(word in errors[0] for word in words), errors[0][:300]
    assert snapshot() == before


def test_file_over_the_size_limit_is_refused(login, marketer):
    client = login(marketer)
    before = snapshot()
    content = b"Email\n" + b"someone@example.nl\n" * (20 * 1024 * 1024 // 19)
    response = _upload(client, content)
    assert response.status_code == 200
    assert "10 MB" in response.text
    assert snapshot() == before


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


def test_update_of_duplicates_keeps_values_of_blank_cells(login, marketer, run_tasks):
    existing = make_lead(email="anna@x.nl", company="Old", job_title="Keep", employees=120)
    client = login(marketer)
    content = b"Email,Company,Job Title,Employees\nanna@x.nl,,New title,\n"
    run_tasks(lambda: _import(client, _uploaded(client, content), duplicates="update"))
    existing.refresh_from_db()
    assert (existing.company, existing.job_title, existing.employees) == ("Old", "New title", 120)
    assert "old" in existing.search_text


needs_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="advisory locks are PostgreSQL's"
)


def _started(client) -> ImportJob:
    """A one-row import, started (its task not run yet: the test runs it)."""
    import_job = _uploaded(client, b"Email\na@b.nl\n")
    services.start_import(import_job=import_job, mapping={"0": "email"}, mode="all",
                          duplicates="skip")  # fmt: skip
    return import_job


def _lock_then_profiles(queries: list[dict]) -> None:
    sql = [query["sql"] for query in queries]
    lock = next(i for i, text in enumerate(sql) if "pg_advisory_xact_lock" in text)
    profiles = next(i for i, text in enumerate(sql) if "idealcustomerprofile" in text)
    assert lock < profiles, "the lock must be taken before the profiles are read"


@needs_postgresql
def test_an_import_takes_the_scoring_lock_before_reading_the_profiles(login, marketer):
    client = login(marketer)
    import_job = _started(client)
    with CaptureQueriesContext(connection) as queries:
        importing.run_import(import_id=import_job.pk)
    _lock_then_profiles(queries.captured_queries)


@needs_postgresql
@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction only
def test_a_large_import_vacuums_the_leads_and_their_fits(login, marketer, monkeypatch):
    """Autovacuum leaves 100,000 new leads on a million alone (under a fifth of the table),
    so index-only scans of the lead list would read their table pages until it comes."""
    monkeypatch.setattr(bulk, "BULK_WRITE", 1)
    client = login(marketer)
    with CaptureQueriesContext(connection) as queries:
        import_job = _started(client)  # outside a transaction, its task runs at once
    import_job.refresh_from_db()
    assert import_job.created == 1
    vacuums = [query["sql"] for query in queries.captured_queries if "VACUUM" in query["sql"]]
    assert vacuums == ["VACUUM (ANALYZE) leads_lead", "VACUUM (ANALYZE) leads_leadfit"]


@pytest.mark.parametrize("fails", [False, True])
def test_an_import_parses_and_writes_with_the_collector_paused(login, marketer, monkeypatch, fails):
    """Python's cycle collector would scan the 100,000 rows again and again (alignment.bulk)."""
    seen = []
    insert = importing.insert_rows

    def insert_and_look(model, columns, records):
        seen.append(gc.isenabled())
        if fails:
            raise RuntimeError("the database went away")
        insert(model, columns, records)

    monkeypatch.setattr(importing, "insert_rows", insert_and_look)
    client = login(marketer)
    import_job = _started(client)
    importing.run_import(import_id=import_job.pk)
    assert seen == [False]
    assert gc.isenabled()
    assert Lead.objects.filter(email="a@b.nl").exists() is not fails


@needs_postgresql
def test_the_search_index_is_merged_once_after_the_import_commits(login, marketer):
    """The trigram index keeps the import's entries in its pending list, and merges them
    once after the commit, not every 4 MB during the COPY."""
    client = login(marketer)
    import_job = _started(client)
    with CaptureQueriesContext(connection) as queries:
        importing.run_import(import_id=import_job.pk)
    sql = [query["sql"] for query in queries.captured_queries]
    deferred = next(i for i, text in enumerate(sql) if "gin_pending_list_limit" in text)
    scored = next(i for i, text in enumerate(sql) if "INSERT INTO leads_leadfit" in text)
    merged = next(i for i, text in enumerate(sql) if "gin_clean_pending_list" in text)
    assert deferred < scored < merged
    assert any(text.startswith("RELEASE SAVEPOINT") for text in sql[scored:merged])  # commit
    assert client.get(reverse("leads:lead_list"), {"q": "a@b.nl"}).context["page"].count == 1


def test_a_failed_import_shows_a_plain_message_and_logs_the_error(
    login, marketer, run_tasks, monkeypatch, caplog
):
    def fail(model, columns, records):
        raise RuntimeError('duplicate key value violates "lead_pkey" (secret@x.nl)')

    monkeypatch.setattr(importing, "insert_rows", fail)
    client = login(marketer)
    import_job = _uploaded(client, b"Email\nsecret@x.nl\n")
    with caplog.at_level(logging.ERROR, logger="leads.services"):
        run_tasks(lambda: _import(client, import_job))
    import_job.refresh_from_db()
    assert import_job.job.status == "failed"
    assert "secret" not in import_job.job.message and import_job.job.message
    assert "secret@x.nl" in caplog.text


def test_control_characters_in_cells_are_row_problems_not_errors(login, marketer, run_tasks):
    client = login(marketer)
    content = (
        b'Email,Last name,Company\nok@x.nl,Bos,Metaal\nbad@x.nl,"Jan\nsen",Metaal\n'
        b"esc@x.nl,Bos,Metaal\x1bBV\ntab@x.nl,Bos\tBos,Metaal\n"
    )
    import_job = _uploaded(client, content)
    report = client.post(
        reverse("leads:import_mapping", args=[import_job.pk]),
        {f"column_{i}": f for i, f in import_job.mapping.items()}
        | {"mode": "valid", "duplicates": "skip", "action": "check"},
    )
    assert report.status_code == 200
    run_tasks(lambda: _import(client, import_job, mode="valid"))
    import_job.refresh_from_db()
    assert import_job.job.status == "done", import_job.job.message
    assert list(Lead.objects.values_list("email", flat=True)) == ["ok@x.nl"]
    assert import_job.rejected == 3
    assert {column for _row, column, _problem in import_job.errors} == {"Last name", "Company"}


def test_a_number_of_5000_digits_in_a_cell_is_a_row_problem(login, marketer, run_tasks):
    client = login(marketer)
    content = b"Email,Employees\nok@x.nl,120\nbig@x.nl," + b"9" * 5000 + b"\n"
    import_job = _uploaded(client, content)
    run_tasks(lambda: _import(client, import_job, mode="valid"))
    import_job.refresh_from_db()
    assert import_job.job.status == "done", import_job.job.message
    assert list(Lead.objects.values_list("email", flat=True)) == ["ok@x.nl"]
    assert import_job.errors[0][:2] == [3, "Employees"]
