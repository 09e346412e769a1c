"""One date and number format per language across the app.

Every page of the permission matrix is rendered in Dutch and English with every id above
ten thousand: no id, coordinate or year in the HTML may come out grouped ("12.345" in a
link, an element id or an SVG point, or "2.026" for a year), and no date may be written
the old ways ("25 Nov 2026" or "28 Mei 2026" in Dutch, "23-02-2027", "25 november 2026").
A few pages with known figures show the one format."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation

from alignment.templatetags.figures import euro
from relationships.actions import services as actions
from tests.conftest import make_person
from tests.matrix import PERSONAS, World
from tests.test_permission_matrix import ROUTES

BIG_ID = 12_345
NL_MONTHS_3 = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
NL_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip


def _one_of(words) -> str:
    return "(?:" + "|".join(words) + ")"


# A grouped number: 12.345 or 1.234.567 (Dutch), 12,345 (English).
GROUPED = {"nl": re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,])"),
           "en": re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.])")}  # fmt: skip
ATTRIBUTE = re.compile(r'\s([a-zA-Z_:@.-]+)="([^"]*)"')
# Attributes whose text is read by people, not by the browser.
READ_BY_PEOPLE = {"title", "aria-label", "alt", "placeholder", "content", "data-confirm"}
DAY = r"\b\d{1,2} "
OLD_DATES = {
    "nl": [
        re.compile(DAY + _one_of(m.capitalize() for m in NL_MONTHS_3) + r"\b"),
        re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b"),
        re.compile(DAY + _one_of(m for m in NL_MONTHS if len(m) > 4) + r" \d{4}\b"),
    ],
    "en": [
        re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),
        re.compile(DAY + _one_of(m for m in EN_MONTHS if len(m) > 4) + r" \d{4}\b"),
        re.compile(r"\b" + _one_of(EN_MONTHS) + r" \d{1,2}, \d{4}\b"),
    ],
}
YEAR_GROUPED = {
    "nl": re.compile(r"\b20\.[2-4]\d\b|\b2\.0[2-4]\d\b"),
    "en": re.compile(r"\b2,0[2-4]\d\b"),
}


def _big_ids() -> None:
    """Every table's next id is above ten thousand."""
    with connection.cursor() as cursor:
        for model in apps.get_models():
            pk = model._meta.pk
            if pk.get_internal_type() in ("AutoField", "BigAutoField"):
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [model._meta.db_table, pk.column, BIG_ID],
                )


def _problems(html: str, language: str) -> list[str]:
    found = []
    for name, value in ATTRIBUTE.findall(html):
        if name not in READ_BY_PEOPLE and GROUPED[language].search(value):
            found.append(f'{name}="{value[:120]}"')
    text = re.sub(r"<[^>]*>", " ", html)
    found += [f"year: {m}" for m in YEAR_GROUPED[language].findall(text)]
    for pattern in OLD_DATES[language]:
        found += [f"date: {m}" for m in pattern.findall(text)]
    return found


@pytest.fixture
def world(db, django_user_model) -> World:
    _big_ids()
    people = {key: make_person(key) for key in PERSONAS if key != "anonymous"}
    # Something dated in May, overdue, to show a month whose abbreviation was capitalised.
    actions.create_action_item(
        title="Call Rijnmond",
        owner=people["salesperson"],
        due_date=datetime.date(2026, 5, 28),
        by=people["manager"],
        today=datetime.date(2026, 5, 1),
    )
    return World(people)


@pytest.mark.parametrize("persona", ["manager", "sales_manager", "salesperson"])
def test_no_page_groups_an_id_or_writes_an_old_date(client, world, persona):
    client.force_login(world.people[persona].user)
    pages, problems = 0, {}
    for route in ROUTES:
        if route.method != "get" or route.expect.get(persona) != 200 or route.headers:
            continue
        # Each route makes its objects afresh, as in the permission matrix.
        savepoint = transaction.savepoint_create()
        path = route.path(World(world.people))
        for language in ("nl", "en"):
            response = client.get(path, headers={"Accept-Language": language})
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            if found := _problems(response.text, language):
                problems[f"{language} {path}"] = found[:5]
        transaction.savepoint_rollback(savepoint)
    assert pages > 100
    assert problems == {}, "\n".join(f"{page}: {found}" for page, found in problems.items())


def test_the_dutch_and_english_formats():
    moment = timezone.make_aware(datetime.datetime(2026, 5, 28, 9, 55))
    day = datetime.date(2026, 11, 25)
    template = Template(
        "{% load figures %}"
        '{{ day|date:"DATE_FORMAT" }} | {{ moment|date:"DATETIME_FORMAT" }} | '
        '{{ day|date:"MONTH_DAY_FORMAT" }} | {{ moment|date:"WEEKDAY_DATETIME_FORMAT" }} | '
        "{{ count }} | {{ amount|euro }}"
    )
    context = Context({"day": day, "moment": moment, "count": 1552, "amount": Decimal("1552.5")})
    with translation.override("nl"):
        assert template.render(context) == (
            "25 nov 2026 | 28 mei 2026, 09:55 | 25 nov | do 28 mei, 09:55 | 1.552 | € 1.552,50"
        )
    with translation.override("en"):
        assert template.render(context) == (
            "25 Nov 2026 | 28 May 2026, 09:55 | 25 Nov | Thu 28 May, 09:55 | 1,552 | €1,552.50"
        )


@pytest.mark.parametrize("language", [code for code, name in settings.LANGUAGES])
def test_every_language_defines_the_formats_of_our_own(language):
    for name in ("WEEKDAY_DATE_FORMAT", "WEEKDAY_DATETIME_FORMAT", "SHORT_YEAR_MONTH_FORMAT"):
        assert formats.get_format(name, lang=language) != name


def test_the_action_list_shows_the_one_dutch_date(login, manager, salesperson):
    actions.create_action_item(
        title="Call", owner=salesperson, due_date=datetime.date(2026, 5, 28), by=manager,
        today=datetime.date(2026, 5, 1),
    )  # fmt: skip
    page = login(manager).get(
        reverse("relationships:action_items"), headers={"Accept-Language": "nl"}
    )
    assert "28 mei 2026" in page.text and "28 Mei 2026" not in page.text
    page = login(manager).get(
        reverse("relationships:action_items"), headers={"Accept-Language": "en"}
    )
    assert "28 May 2026" in page.text


def test_amounts_have_the_euro_sign_and_groups():
    with translation.override("nl"):
        assert euro(Decimal("1234567.5")) == "€ 1.234.567,50"
        assert euro(1552, 0) == "€ 1.552"


def test_lists_with_rows_group_no_id(client, db, django_user_model):
    """The matrix pages are mostly empty lists: these have rows, every id above 10,000."""
    from leads.handoff import services as lifecycle
    from leads.models import Stage
    from relationships.notes import services as notes
    from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

    _big_ids()
    marketer, salesperson = make_person("marketer"), make_person("salesperson")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"))
    waiting = handed_off(ready_lead(by=marketer, last_name="Bos"), by=marketer)
    rejected = handed_off(ready_lead(by=marketer, last_name="Smit"), by=marketer)
    lifecycle.change_stage(lead_id=rejected.pk, to=Stage.REJECTED, by=salesperson, reason="no_need")
    ready_lead(by=marketer, last_name="Klaar")
    notes.post_field_note(author=salesperson, kind="objection", text="Te duur", lead=waiting)
    actions.create_action_item(
        title="Bellen", owner=salesperson, due_date=timezone.localdate(), by=marketer
    )
    pages = {
        marketer: ["leads:lead_list", "leads:handoff_list", "leads:rejected_list"],
        salesperson: ["leads:queue", "relationships:action_items", "relationships:note_feed"],
    }
    problems = {}
    for person, names in pages.items():
        client.force_login(person.user)
        paths = [reverse(name) for name in names] + [
            reverse("leads:lead_detail", args=[waiting.pk])
        ]
        for path in paths:
            for language in ("nl", "en"):
                response = client.get(path, headers={"Accept-Language": language})
                assert response.status_code == 200, path
                if found := _problems(response.text, language):
                    problems[f"{language} {path}"] = found[:5]
    assert problems == {}
