"""A migration from another CRM keeps the lead's history: its owner, matched to one of our
people by name or email (else unassigned, reported per row), and its create date when it is
a sane one; a Dutch name prefix in a column of its own goes before the last name."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from leads.intake import services as intake
from leads.intake.crm_history import OwnerIndex, check_created, day_comes_first, parse_created
from leads.models import ImportJob, Lead
from tests.conftest import make_person

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


# Owners ---------------------------------------------------------------------------------


@pytest.fixture
def index():
    return OwnerIndex.of([
        (1, "Sam Tester", "sam@example.com", "sam"),
        (2, "José García", "jose@example.com", "jgarcia"),
        (3, "Kim de Vries", "kim@example.com", "kim"),
        (4, "Kim de Vries", "kim2@example.com", "kim2"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "person"),
    [("Sam Tester", 1), ("  sam   TESTER ", 1), ("Tester, Sam", 1), ("SAM@example.com", 1),
     ("sam", 1), ("Jose Garcia", 2), ("josé garcía", 2)],
)  # fmt: skip
def test_an_owner_is_found_by_name_email_or_user_name(index, text, person):
    assert index.find(text) == (person, "")


def test_an_unknown_or_ambiguous_owner_is_left_unassigned_with_a_reason(index):
    pk, why = index.find("Piet Puk")
    assert pk is None and "Piet Puk" in why and "unassigned" in why
    pk, why = index.find("Kim de Vries")
    assert pk is None and "more than one person" in why
    assert index.find("kim2@example.com") == (4, "")  # the address tells them apart


# Create dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=AMSTERDAM)),
        ("2024-03-05 14:22", datetime(2024, 3, 5, 14, 22, tzinfo=AMSTERDAM)),
        ("2024-03-05T14:22:10Z", datetime(2024, 3, 5, 14, 22, 10, tzinfo=UTC)),
        ("2024-03-05T14:22:10.123+01:00", datetime(2024, 3, 5, 13, 22, 10, tzinfo=UTC)),
        ("05-03-2024", datetime(2024, 3, 5, tzinfo=AMSTERDAM)),
        ("5-3-2024 09:05", datetime(2024, 3, 5, 9, 5, tzinfo=AMSTERDAM)),
        ("05.03.2024", datetime(2024, 3, 5, tzinfo=AMSTERDAM)),
        ("05/03/2024 2:22 PM", datetime(2024, 3, 5, 14, 22, tzinfo=AMSTERDAM)),
        ("05/03/24", datetime(2024, 3, 5, tzinfo=AMSTERDAM)),
    ],
)
def test_create_dates_as_crms_export_them(text, expected):
    assert parse_created(text, day_first=True, zone=AMSTERDAM) == expected


@pytest.mark.parametrize("text", ["yesterday", "31-02-2024", "2024-13-01", "5/3/2024 13:00 PM",
                                  "45383", ""])  # fmt: skip
def test_what_is_not_a_date_is_none(text):
    assert parse_created(text, day_first=True, zone=AMSTERDAM) is None


def test_the_day_order_is_decided_over_the_whole_column():
    assert day_comes_first(["05/03/2024", "25/03/2024"]) is True
    assert day_comes_first(["05/03/2024", "3/25/2024 1:00 PM"]) is False
    assert day_comes_first(["05/03/2024", "06/04/2024"]) is True  # undecided: as we write
    assert day_comes_first(["2024-03-25"]) is True


def test_a_create_date_in_the_future_or_long_ago_is_not_kept():
    check = {"day_first": True, "zone": AMSTERDAM, "now": NOW}
    assert check_created("2026-03-02 12:59", **check)[0] is not None  # 11:59 UTC
    moment, why = check_created("2026-03-02 13:01", **check)
    assert moment is None and "lies in the future" in why
    moment, why = check_created("01-01-1970", **check)
    assert moment is None and "before 1980" in why
    moment, why = check_created("soon", **check)
    assert moment is None and "not a date we can read" in why


# Through the import ---------------------------------------------------------------------

EXPORT = (
    "Email;Voornaam;Tussenvoegsel;Achternaam;Lead Owner;Created Date\n"
    "anna@metaal.nl;Anna;van;Dijk;Sam Tester;25/03/2024 14:30\n"
    "bert@zorg.be;Bert;;Claes;salesperson@example.com;05/03/2024\n"
    "carla@bouw.nl;Carla;de;Wit;Mia Tester;01-01-2099\n"
    "dirk@vos.nl;Dirk;;Vos;Piet Puk;\n"
    "eva@bos.nl;Eva;;Bos;;\n"
)


@pytest.fixture
def imported(client, marketer, salesperson, run_tasks):
    client.force_login(marketer.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        reverse("leads:import_upload"), {"file": SimpleUploadedFile("x.csv", EXPORT.encode())}
    )
    import_job = ImportJob.objects.get()
    data = {f"column_{i}": name for i, name in import_job.mapping.items()}
    data |= {"mode": "valid", "duplicates": "skip"}
    with time_machine.travel(NOW, tick=False):
        check = client.post(import_job.get_absolute_url(), data | {"action": "check"})
        run_tasks(lambda: client.post(import_job.get_absolute_url(), data | {"action": "import"}))
    import_job.refresh_from_db()
    return import_job, check.content.decode()


def test_the_owner_column_assigns_the_salesperson_or_reports_the_row(imported, salesperson):
    import_job, _check = imported
    assert import_job.mapping["4"] == "owner" and import_job.mapping["2"] == "name_prefix"
    owners = dict(Lead.objects.values_list("email", "owner"))
    assert owners == {"anna@metaal.nl": salesperson.pk, "bert@zorg.be": salesperson.pk,
                      "carla@bouw.nl": None, "dirk@vos.nl": None, "eva@bos.nl": None}  # fmt: skip
    rows = {(row, column) for row, column, _note in import_job.notes}
    assert rows == {(4, "Lead Owner"), (4, "Created Date"), (5, "Lead Owner")}


def test_the_create_date_is_kept_when_sane(imported):
    created = dict(Lead.objects.values_list("email", "created_at"))
    assert created["anna@metaal.nl"] == datetime(2024, 3, 25, 14, 30, tzinfo=AMSTERDAM)
    assert created["bert@zorg.be"] == datetime(2024, 3, 5, tzinfo=AMSTERDAM)  # day first
    assert created["carla@bouw.nl"] == NOW  # 2099 lies in the future: the import's time
    assert created["eva@bos.nl"] == NOW


def test_a_name_prefix_goes_before_the_last_name(imported):
    names = dict(Lead.objects.values_list("email", "last_name"))
    assert (names["anna@metaal.nl"], names["bert@zorg.be"]) == ("van Dijk", "Claes")
    assert Lead.objects.filter(search_text__contains="anna van dijk").exists()


def test_the_check_and_the_outcome_report_each_note_per_row(client, imported):
    import_job, check = imported
    assert "Imported, with a note" in check
    assert "“Mia Tester” is nobody here who can own leads" in check
    assert "“Piet Puk” is nobody here who can own leads" in check
    assert "“01-01-2099” lies in the future; the import date is kept." in check
    outcome = client.get(import_job.get_absolute_url()).content.decode()
    assert "Imported, with a note" in outcome and "Piet Puk" in outcome


def test_an_update_keeps_the_owner_and_the_create_date_of_a_known_lead(
    client, marketer, salesperson, run_tasks
):
    other = make_person("salesperson", username="other", first_name="Olaf")
    known = intake.create_lead(values={"email": "anna@metaal.nl"}, owner=other)
    client.force_login(marketer.user)
    content = "Email;Owner;Created;Phone\nanna@metaal.nl;Sam Tester;01-01-2020;010 1\n"
    client.post(
        reverse("leads:import_upload"), {"file": SimpleUploadedFile("x.csv", content.encode())}
    )
    import_job = ImportJob.objects.get()
    data = {f"column_{i}": name for i, name in import_job.mapping.items()}
    data |= {"mode": "valid", "duplicates": "update", "action": "import"}
    run_tasks(lambda: client.post(import_job.get_absolute_url(), data))
    lead = Lead.objects.get()
    assert (lead.phone, lead.owner, lead.created_at) == ("010 1", other, known.created_at)


def test_an_update_gives_an_unassigned_known_lead_its_owner(
    client, marketer, salesperson, run_tasks
):
    intake.create_lead(values={"email": "anna@metaal.nl"})
    client.force_login(marketer.user)
    content = "Email;Owner\nanna@metaal.nl;Sam Tester\n"
    client.post(
        reverse("leads:import_upload"), {"file": SimpleUploadedFile("x.csv", content.encode())}
    )
    import_job = ImportJob.objects.get()
    data = {"column_0": "email", "column_1": "owner", "mode": "valid", "duplicates": "update",
            "action": "import"}  # fmt: skip
    run_tasks(lambda: client.post(import_job.get_absolute_url(), data))
    assert Lead.objects.get().owner == salesperson
