"""Internationalised email addresses (RFC 6531) are leads' addresses like any other: the
form, the CSV import and the API accept them; only malformed ones are refused; duplicates
are found whatever the letter case or the form of the domain."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alignment.email_address import normalise_email, validate_email_address
from leads.intake import queries
from leads.intake.fields import FieldError, parse_email
from leads.models import ImportJob, Lead
from tests.leads.helpers import make_lead, make_token

INTERNATIONAL = [
    "jürgen.müller@example.de",
    "zoë@café.be",
    "élodie@société.fr",
    "björn@xn--caf-dma.be",
    "用户@例子.广告",
    "anna+news@metaal.nl",
]
MALFORMED = [
    "no-at-sign.nl",
    "two@@at.nl",
    "spaced name@x.nl",
    "dot..dot@x.nl",
    ".leading@x.nl",
    "nbsp\u00a0x@x.nl",
    "zero\u200bwidth@x.nl",
    "a@no-tld",
    "ü" * 33 + "@x.de",  # 66 bytes in UTF-8: a local part holds 64
    "a@café..be",
]


@pytest.mark.parametrize("email", INTERNATIONAL)
def test_international_addresses_are_valid(email):
    validate_email_address(normalise_email(email))
    assert parse_email(email) == normalise_email(email)


@pytest.mark.parametrize("email", MALFORMED)
def test_malformed_addresses_are_refused(email):
    with pytest.raises(ValidationError):
        validate_email_address(normalise_email(email))
    with pytest.raises(FieldError):
        parse_email(email)


def test_one_normal_form_for_case_composition_and_the_domain():
    decomposed = "Zoe\u0308@CAFE\u0301.BE"  # ë and é as letter + combining accent
    assert normalise_email(decomposed) == "zoë@café.be"
    assert normalise_email("ZOË@xn--caf-dma.be") == "zoë@café.be"
    assert normalise_email(" Anna@Metaal.NL ") == "anna@metaal.nl"


def test_the_form_accepts_an_international_address(login, marketer):
    response = login(marketer).post(
        reverse("leads:lead_create"), {"last_name": "Müller", "email": "Jürgen.Müller@Café.be"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Lead.objects.get().email == "jürgen.müller@café.be"


def test_the_form_field_is_not_an_ascii_only_email_input(login, marketer):
    body = login(marketer).get(reverse("leads:lead_create")).content.decode()
    assert 'type="email"' not in body  # browsers check those against ASCII-only rules
    assert 'inputmode="email"' in body


def test_the_api_accepts_an_international_address(client, manager):
    _token, raw = make_token(by=manager)
    response = client.post(
        reverse("leads:api_leads"),
        json.dumps({"email": "Élodie@Société.fr"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["email"] == "élodie@société.fr"


def test_the_csv_import_accepts_international_addresses(login, marketer, run_tasks):
    content = (
        "Email;Last name\nJürgen@Müller.de;Müller\nzoë@xn--caf-dma.be;Peeters\nbad@;Bad\n"
    ).encode()
    client = login(marketer)
    client.post(reverse("leads:import_upload"), {"file": SimpleUploadedFile("x.csv", content)})
    import_job = ImportJob.objects.get()
    data = {"column_0": "email", "column_1": "last_name", "mode": "valid", "duplicates": "skip"}
    run_tasks(lambda: client.post(import_job.get_absolute_url(), data | {"action": "import"}))
    assert sorted(Lead.objects.values_list("email", flat=True)) == [
        "jürgen@müller.de",
        "zoë@café.be",
    ]
    import_job.refresh_from_db()
    assert import_job.rejected == 1 and import_job.errors[0][0] == 4


def test_duplicates_are_found_whatever_the_case_or_the_domains_form(login, marketer):
    existing = make_lead(email="zoë@café.be")
    for typed in ("ZOË@CAFÉ.BE", "zoë@xn--caf-dma.be", "Zoe\u0308@cafe\u0301.be"):
        assert [d.lead for d in queries.possible_duplicates(email=typed)] == [existing], typed
    response = login(marketer).post(reverse("leads:lead_create"), {"email": "ZOË@xn--caf-dma.be"})
    assert response.status_code == 200 and "duplicates" in response.context
    assert [d.lead for d in response.context["duplicates"]] == [existing]


def test_an_import_skips_a_known_international_address_in_another_form(login, marketer, run_tasks):
    make_lead(email="jürgen@müller.de")
    client = login(marketer)
    content = "Email\nJÜRGEN@xn--mller-kva.de\n".encode()
    client.post(reverse("leads:import_upload"), {"file": SimpleUploadedFile("x.csv", content)})
    import_job = ImportJob.objects.get()
    data = {"column_0": "email", "mode": "valid", "duplicates": "skip", "action": "import"}
    run_tasks(lambda: client.post(import_job.get_absolute_url(), data))
    import_job.refresh_from_db()
    assert (import_job.created, import_job.skipped) == (0, 1)
    assert Lead.objects.count() == 1


def test_the_migration_gives_stored_punycode_addresses_the_one_form(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("leads.migrations.0015_lead_emails_in_one_form")
    old = make_lead(email="ascii@example.nl")
    Lead.objects.filter(pk=old.pk).update(
        email="zoe@xn--caf-dma.be", search_text="zoe zoe@xn--caf-dma.be"
    )
    migration.normalise(apps, None)
    old.refresh_from_db()
    assert (old.email, old.search_text) == ("zoe@café.be", "zoe zoe@café.be")
    assert [d.lead for d in queries.possible_duplicates(email="ZOE@café.be")] == [old]


@pytest.mark.both_databases
def test_any_of_finds_exactly_the_leads_with_these_addresses(db):
    """The import's known-address lookup (one array parameter on PostgreSQL)."""
    for address in ("ann@x.nl", "bob@x.nl", "zoë@café.be"):
        make_lead(email=address)
    found = Lead.objects.filter(email__any_of=["zoë@café.be", "ann@x.nl", "nobody@x.nl"])
    assert sorted(found.values_list("email", flat=True)) == ["ann@x.nl", "zoë@café.be"]
    assert not Lead.objects.filter(email__any_of=["nobody@x.nl"]).exists()
