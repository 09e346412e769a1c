"""Headless Chromium (Debian's package) driven by Playwright against the live server."""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# where a loop runs unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield page
    context.close()
    # A CSP violation or a failing script shows up here.
    assert errors == [], errors


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    # Managers of marketing and sales land on the dashboard, everyone else on the home page.
    page.wait_for_url(re.compile(rf"{re.escape(live_server.url)}/(dashboard/)?$"))


AXE = Path(__file__).parent / "assets" / "axe.min.js"  # axe-core 4.14.1 from npm


@pytest.fixture
def axe_page(browser):
    """A page whose context lets the axe-core script in despite the app's strict CSP."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="nl-NL", bypass_csp=True
    )
    yield context.new_page()
    context.close()


def accessibility_violations(page) -> list[str]:
    """Serious and critical axe-core findings (WCAG 2.1 A and AA) on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def after_htmx_settles(page, action) -> None:
    """Run an action that swaps content in and wait until htmx has processed it: the new
    content's triggers are bound only then (htmx:load), so a keystroke sent earlier is lost."""
    page.evaluate(
        "window.htmxLoaded = false;"
        "document.addEventListener('htmx:load', () => { window.htmxLoaded = true }, {once: true})"
    )
    action()
    page.wait_for_function("() => window.htmxLoaded")
