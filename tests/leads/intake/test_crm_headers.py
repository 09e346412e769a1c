"""An import recognises the column names of the common CRM exports and of Dutch
spreadsheets, and the mapping page warns when a field the handoff agreement requires will
be missing, with the number of rows that lack it."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from leads.intake.csv_import import CsvFile, handoff_warnings
from leads.intake.headers import auto_mapping
from leads.models import ImportJob
from tests.leads.handoff.helpers import make_agreement
from tests.leads.helpers import make_segment
from tests.queries import assert_same_query_count

LEAD_FIELDS = {
    "first_name", "last_name", "email", "phone", "company", "job_title", "industry",
    "employees", "annual_revenue", "country", "campaign", "owner", "created_at",
}  # fmt: skip

EXPORTS = {
    "hubspot": (
        "Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Industry,"
        "Number of Employees,Annual Revenue,Country/Region,UTM Campaign,Contact owner,"
        "Create Date"
    ),
    "salesforce": (
        "Lead Owner,First Name,Last Name,Title,Company / Account,Email,Phone,Mobile,Industry,"
        "No. of Employees,Annual Revenue,Country,Primary Campaign Source,Created Date"
    ),
    "pipedrive": (
        "Person - Name,Person - First name,Person - Last name,Person - Organization,"
        "Person - Email - Work,Person - Phone - Work,Person - Job title,Person - Owner,"
        "Person - Add time,Organization - Industry,Organization - Number of employees,"
        "Organization - Annual revenue,Organization - Address - Country,Campaign"
    ),
    "zoho": (
        "Lead Owner,First Name,Last Name,Company,Designation,Email,Phone,Mobile,Industry,"
        "No. of Employees,Annual Revenue,Country,Campaign Source,Created Time"
    ),
    "dynamics": (
        "First Name,Last Name,Job Title,Company Name,Email,Business Phone,Mobile Phone,"
        "Industry,No. of Employees,Annual Revenue,Address 1: Country/Region,Owner,"
        "Source Campaign,Created On"
    ),
    "dutch": (
        "Voornaam;Tussenvoegsel;Achternaam;Bedrijfsnaam;Functie;E-mailadres;Telefoonnummer;"
        "Branche;Aantal medewerkers;Jaaromzet;Land;Campagne;Eigenaar;Aangemaakt op"
    ),
}


@pytest.mark.parametrize("crm", EXPORTS)
def test_every_field_is_recognised_in_the_export_of(crm):
    headers = EXPORTS[crm].split(";" if crm == "dutch" else ",")
    mapping = auto_mapping(headers)
    assert set(mapping.values()) >= LEAD_FIELDS, LEAD_FIELDS - set(mapping.values())


def test_the_salesforce_company_column_of_the_report_is_the_company():
    headers = ["Email", "Company / Account"]
    assert auto_mapping(headers) == {"0": "email", "1": "company"}


def test_a_field_is_taken_from_its_first_column_only():
    # Salesforce's "Phone" and "Mobile": the first is the phone, the second stays unmapped.
    assert auto_mapping(["Email", "Phone", "Mobile"]) == {"0": "email", "1": "phone"}


def test_our_own_export_is_recognised_in_both_languages(login, salesperson):
    from leads.intake.queries import EXPORT_COLUMNS

    for language in ("en", "nl"):
        with translation.override(language):
            headers = [str(label) for _path, label, _kind in EXPORT_COLUMNS]
        mapped = set(auto_mapping(headers).values())
        assert {"first_name", "email", "company", "owner", "created_at"} <= mapped, language


# The warning for the agreement's required fields ----------------------------------------


def _file(headers: list[str], rows: int, filled: list[int]) -> CsvFile:
    return CsvFile("", "utf-8", ",", headers, rows, filled)


def test_a_required_field_without_a_column_is_warned_about_for_every_row():
    csv_file = _file(["Email", "Account Org"], 24, [24, 24])
    with translation.override("en"):
        warnings = handoff_warnings({"0": "email"}, {"company": ["company-wide"]}, csv_file)
    assert warnings == [
        "The handoff agreement (company-wide) requires “Company”, but no column is imported "
        "as it: all 24 rows will lack it."
    ]


def test_a_mapped_required_column_with_empty_cells_says_how_many_rows():
    csv_file = _file(["Email", "Phone"], 24, [24, 20])
    with translation.override("en"):
        warnings = handoff_warnings(
            {"0": "email", "1": "phone"}, {"phone": ["company-wide", "Zorg"]}, csv_file
        )
    assert warnings == [
        "The handoff agreement (company-wide, Zorg) requires “Phone”, but 4 rows have no "
        "value in “Phone”."
    ]
    full = _file(["Email", "Phone"], 24, [24, 24])
    assert handoff_warnings({"0": "email", "1": "phone"}, {"phone": ["x"]}, full) == []


SALESFORCE = (
    "First Name,Last Name,Email,Account Org,Phone\n"
    "Anna,Bos,anna@metaal.nl,Van Dijk Metaal,+31 6 1234 5678\n"
    "Bert,Claes,bert@zorg.be,Zorggroep,\n"
    "Carla,Smit,carla@bouw.nl,Smit Bouw,+31 20 555 0000\n"
)


@pytest.fixture
def requiring_company_and_phone(manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, required_fields=["company", "phone"])


def _upload(client, content: str) -> ImportJob:
    response = client.post(
        reverse("leads:import_upload"), {"file": SimpleUploadedFile("sf.csv", content.encode())}
    )
    assert response.status_code == 302
    return ImportJob.objects.latest("pk")


def test_the_mapping_page_warns_about_required_fields_the_file_lacks(
    client, marketer, requiring_company_and_phone
):
    client.force_login(marketer.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    import_job = _upload(client, SALESFORCE)
    assert import_job.mapping == {"0": "first_name", "1": "last_name", "2": "email", "4": "phone"}
    assert (import_job.row_count, import_job.column_filled) == (3, [3, 3, 3, 3, 2])
    body = client.get(import_job.get_absolute_url()).content.decode()
    assert "requires “Company”, but no column is imported as it: all 3 rows will lack it." in body
    assert "requires “Phone”, but 1 row has no value in “Phone”." in body

    # Once the user maps the column, the warning about it goes.
    data = {"column_0": "first_name", "column_1": "last_name", "column_2": "email",
            "column_3": "company", "column_4": "phone", "mode": "valid",
            "duplicates": "skip", "action": "check"}  # fmt: skip
    body = client.post(import_job.get_absolute_url(), data).content.decode()
    assert "requires “Company”" not in body
    assert "requires “Phone”, but 1 row has no value" in body


def test_the_warning_is_in_dutch_for_a_dutch_user(client, marketer, requiring_company_and_phone):
    client.force_login(marketer.user)
    import_job = _upload(client, SALESFORCE)
    body = client.get(import_job.get_absolute_url()).content.decode()
    assert "vereist „Bedrijf”" in body or "vereist “Bedrijf”" in body


def test_without_an_agreement_there_is_no_warning(client, marketer):
    client.force_login(marketer.user)
    import_job = _upload(client, SALESFORCE)
    assert 'id="handoff-warnings"' not in client.get(import_job.get_absolute_url()).content.decode()


def test_the_mapping_page_runs_a_constant_number_of_queries(
    client, marketer, manager, sales_manager, requiring_company_and_phone
):
    client.force_login(marketer.user)
    import_job = _upload(client, SALESFORCE)

    def grow():
        segment = make_segment(by=manager)
        make_agreement(marketing=manager, sales=sales_manager, segment=segment,
                       required_fields=["job_title", "country"])  # fmt: skip

    assert_same_query_count(lambda: client.get(import_job.get_absolute_url()), grow)
