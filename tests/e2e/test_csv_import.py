"""A marketer imports a small CSV through the browser, from upload to the lead list."""

import os

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CSV = (
    "First Name;Last Name;Email;Company Name;Job Title;Country/Region\n"
    "Anna;Bos;anna@metaal.nl;Van Dijk Metaal;Operations Director;Netherlands\n"
    "Bert;Claes;bert@zorg.be;Zorggroep Gent;ICT-manager;België\n"
)


@pytest.fixture
def browser_page(browser):
    """A fresh page in the suite's shared headless Chromium (tests/e2e/conftest.py launches
    it with /usr/bin/chromium and the sandbox-free arguments)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    context.close()
    assert errors == [], errors


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_marketer_imports_a_csv_through_the_ui(live_server, browser_page, tmp_path):
    from leads.models import Lead

    make_person("marketer", username="mia")
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("mia")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/leads/import/")
    upload = tmp_path / "leads.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.locator("main button[type=submit]").click()

    # The mapping page: columns recognised automatically.
    page.wait_for_selector("select[name=column_2]")
    assert page.locator("select[name=column_2]").input_value() == "email"
    page.locator("button[value=check]").click()
    page.wait_for_selector("#report")
    page.locator("button[value=import]").click()
    page.wait_for_selector(".import-result")
    assert Lead.objects.count() == 2

    page.locator(".import-result a.button-primary").click()
    page.wait_for_selector("#results")
    expect(page.get_by_text("Van Dijk Metaal")).to_be_visible()
    expect(page.get_by_text("Zorggroep Gent")).to_be_visible()
