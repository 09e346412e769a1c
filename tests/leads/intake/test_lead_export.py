"""The lead export opens as it should in the reader's Excel: in Dutch with semicolons,
decimal commas and Dutch dates, labels instead of codes, headers in the reader's language;
formulas are neutralised but phone numbers are left whole."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from leads.intake import services as intake
from leads.intake.csv_export import SpreadsheetFormat, is_phone_number, neutralise
from leads.models import Lead, Stage
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.helpers import make_lead

CREATED = datetime.datetime(2025, 1, 15, 9, 30, 5, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def lead(marketer, salesperson):
    campaign = make_campaign(owner=marketer, name="Beurs Utrecht", code="BEURS-25")
    lead = intake.create_lead(
        values={
            "first_name": "Anna",
            "last_name": "Bos",
            "email": "anna@metaal.nl",
            "phone": "+31 6 1234 5678",
            "company": "Van Dijk Metaal",
            "industry": "manufacturing",
            "employees": 1200,
            "annual_revenue": 12_500_000,
            "country": "BE",
            "estimated_value": Decimal("1500.50"),
            "source_campaign": campaign,
        },  # fmt: skip
        owner=salesperson,
    )
    Lead.objects.filter(pk=lead.pk).update(
        created_at=CREATED, stage=Stage.SAL, close_date=datetime.date(2025, 3, 1)
    )
    return lead


def _export(client, language: str) -> tuple[str, list[dict]]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("leads:lead_export"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 by its BOM
    first_line = text[1:].splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return delimiter, list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def test_dutch_excel_gets_semicolons_labels_decimal_commas_and_dutch_dates(login, lead):
    delimiter, rows = _export(login(lead.owner), "nl")
    assert delimiter == ";"
    (row,) = rows
    assert row["Voornaam"] == "Anna"
    assert row["Branche"] == "Maakindustrie"  # the label, not "manufacturing"
    assert row["Land"] == "België"
    assert row["Fase"] == "SAL"
    assert row["Eigenaar"] == "Sam Tester"  # a name, not a user name
    assert row["Campagne"] == "Beurs Utrecht"
    assert row["Medewerkers"] == "1200"  # no thousands mark: Excel would read 1,2
    assert row["Verwachte waarde (€)"] == "1500,50"
    assert row["Sluitdatum"] == "01-03-2025"
    assert row["Aangemaakt"] == "15-01-2025 10:30:05"  # Amsterdam, an hour ahead in winter
    assert row["Telefoon"] == "+31 6 1234 5678"  # a phone number, not a formula


def test_english_gets_commas_and_iso_dates(login, lead):
    delimiter, rows = _export(login(lead.owner), "en")
    assert delimiter == ","
    (row,) = rows
    assert (row["Industry"], row["Country"], row["Stage"]) == ("Manufacturing", "Belgium", "SAL")
    assert row["Expected value (€)"] == "1500.50"
    assert (row["Close date"], row["Created"]) == ("2025-03-01", "2025-01-15 10:30:05")
    assert row["Owner"] == "Sam Tester"


def test_empty_values_stay_empty(login, salesperson):
    make_lead(email="leeg@x.nl")
    _delimiter, (row,) = _export(login(salesperson), "nl")
    assert row["Branche"] == row["Land"] == row["Eigenaar"] == row["Medewerkers"] == ""
    assert row["Sluitdatum"] == row["Campagne"] == ""


@pytest.mark.parametrize(
    "phone", ["+31 6 1234 5678", "+31612345678", "+1 (555) 010-9999", "+32 9/123.45.67"]
)
def test_phone_numbers_are_not_mangled(phone):
    assert is_phone_number(phone)
    assert neutralise(phone) == phone


@pytest.mark.parametrize(
    "value",
    ["=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0", "+31 6 CALL", "-2+3", "@SUM(A1)",
     "+1+1", "+31 6 1", "\t=1", "+4413=1"],
)  # fmt: skip
def test_everything_else_that_starts_like_a_formula_is_neutralised(value):
    assert neutralise(value) == "'" + value


def test_the_spreadsheet_format_follows_the_language():
    from django.utils import translation

    with translation.override("nl"):
        dutch = SpreadsheetFormat.of_active_language()
    with translation.override("en"):
        english = SpreadsheetFormat.of_active_language()
    assert (dutch.delimiter, dutch.number(Decimal("12.50")), dutch.number(7)) == (";", "12,50", "7")
    assert (english.delimiter, english.number(Decimal("12.50"))) == (",", "12.50")
    assert dutch.date(datetime.date(2025, 3, 1)) == "01-03-2025"
    assert english.date(datetime.date(2025, 3, 1)) == "2025-03-01"
