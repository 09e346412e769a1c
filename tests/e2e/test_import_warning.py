"""The import warns a Dutch marketer, before anything is imported, that a column the
handoff agreement requires is not mapped and how many rows would lack it; mapping the
column makes the warning go."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.handoff.helpers import make_agreement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SALESFORCE = (
    "First Name,Last Name,Email,Account Org,Phone,Lead Owner,Created Date\n"
    "Anna,Bos,anna@metaal.nl,Van Dijk Metaal,+31 6 1234 5678,Sam Tester,25/03/2024\n"
    "Bert,Claes,bert@zorg.be,Zorggroep,+32 9 123 45 67,Piet Puk,05/03/2024\n"
    "Jürgen,Müller,jürgen@müller.de,Müller GmbH,+49 30 1234567,,\n"
)


@pytest.fixture
def agreement_requiring_company():
    make_person("marketer", username="mia")
    make_person("salesperson", username="sam")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"),
                   required_fields=["company"])  # fmt: skip


def _upload(page, live_server, tmp_path):
    upload = tmp_path / "salesforce.csv"
    upload.write_text(SALESFORCE, encoding="utf-8")
    page.goto(f"{live_server.url}/leads/import/")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector("select[name=column_3]")


def test_an_unmapped_required_column_is_warned_about_until_it_is_mapped(
    live_server, page, tmp_path, agreement_requiring_company
):
    from leads.models import Lead

    log_in(page, live_server, "mia", PASSWORD)
    _upload(page, live_server, tmp_path)
    warning = page.locator("#handoff-warnings").inner_text()
    assert "vereist “Bedrijf”" in warning
    assert "alle 3 rijen missen het" in warning
    assert page.locator("select[name=column_3]").input_value() == ""  # "Account Org"
    assert page.locator("select[name=column_5]").input_value() == "owner"

    page.locator("select[name=column_3]").select_option("company")
    page.get_by_role("button", name="Rijen controleren").click()
    page.wait_for_selector("#report")
    assert page.locator("#handoff-warnings").count() == 0
    report = page.locator("#report").inner_text()
    assert "Geïmporteerd, met een opmerking" in report and "Piet Puk" in report

    page.get_by_role("button", name="Importeren").click()
    page.wait_for_selector(".import-result")
    assert Lead.objects.get(email="anna@metaal.nl").company == "Van Dijk Metaal"
    assert Lead.objects.get(email="anna@metaal.nl").owner.user.username == "sam"
    assert Lead.objects.get(email="bert@zorg.be").owner is None


def test_the_mapping_page_with_its_warning_is_accessible(
    live_server, axe_page, tmp_path, agreement_requiring_company
):
    log_in(axe_page, live_server, "mia", PASSWORD)
    _upload(axe_page, live_server, tmp_path)
    expect(axe_page.locator("#handoff-warnings")).to_be_visible()
    assert accessibility_violations(axe_page) == []
    axe_page.get_by_role("button", name="Rijen controleren").click()
    axe_page.wait_for_selector("#report")
    assert accessibility_violations(axe_page) == []
