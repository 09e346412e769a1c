"""The target editor: a manager sets, changes and removes a target one row at a time
(htmx), every cell validated on its own; a conflicting edit by another manager is shown,
never overwritten; everyone else reads the same grid without being able to change it."""

import re
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from dashboards.models import Target
from dashboards.targets import services
from tests.conftest import make_person
from tests.leads.helpers import make_segment
from tests.queries import assert_same_query_count

HTMX = {"HX-Request": "true"}
QUARTER = date(2026, 1, 1)


def _post(client, kpi: str, value: str, *, version: int = 0, htmx: bool = True, **fields):
    data = {"kpi": kpi, "period": "quarter", "start": QUARTER.isoformat(), "value": value,
            "version": str(version)} | fields  # fmt: skip
    return client.post(reverse("dashboards:target_cell"), data, headers=HTMX if htmx else {})


def _field(html: str, name: str) -> str:
    """The value attribute of the row's input called `name`."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    assert match, html
    return match.group(1)


def _status(html: str) -> str:
    match = re.search(r'<span class="target-status"[^>]*>(.*?)</span>\s*</', html, re.S)
    assert match, html
    return re.sub(r"<[^>]+>", " ", match.group(1))


def _typed(page: str) -> dict[str, str]:
    """Every row's target as the editor shows it, by KPI."""
    return dict(re.findall(r'id="value-(\w+)" value="([^"]*)"', page))


def _nl(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def test_a_manager_sets_a_rate_typed_as_a_percentage_and_gets_the_row_back(login, manager):
    response = _post(login(manager), "acceptance_rate", "75")
    assert response.status_code == 200
    html = response.text
    # Only the row comes back, ready for the next edit.
    assert html.lstrip().startswith('<tr id="target-acceptance_rate"') and "<html" not in html
    assert _field(html, "value") == "75" and _field(html, "version") == "1"
    assert _nl("Saved.") in _status(html)
    target = Target.objects.get()
    assert (target.kpi, target.period, target.period_start) == ("acceptance_rate", "quarter",
                                                                QUARTER)  # fmt: skip
    assert target.value == Decimal("0.75") and target.segment is None
    assert target.updated_by == manager and target.version == 1


def test_a_count_or_an_amount_is_stored_as_typed_and_shown_without_trailing_zeros(login, manager):
    client = login(manager)
    _post(client, "mqls", "400")
    _post(client, "won_revenue", "1500000.50")
    _post(client, "win_rate", "100")
    assert Target.objects.get(kpi="mqls").value == Decimal(400)
    assert Target.objects.get(kpi="win_rate").value == Decimal(1)
    page = client.get(reverse("dashboards:targets"), {"period": "quarter", "start": QUARTER}).text
    values = _typed(page)
    assert values["mqls"] == "400" and values["won_revenue"] == "1500000.5"
    assert values["win_rate"] == "100"  # not "1E+2"


def test_any_day_of_the_period_stands_for_its_start(login, manager):
    _post(login(manager), "mqls", "50", period="week", start="2026-01-15")  # a Thursday
    _post(login(manager), "mqls", "200", period="month", start="2026-01-15")
    stored = dict(Target.objects.values_list("period", "period_start"))
    assert stored == {"week": date(2026, 1, 12), "month": date(2026, 1, 1)}


def test_an_edit_bumps_the_version_and_an_empty_value_removes_the_target(login, manager):
    client = login(manager)
    _post(client, "mqls", "400")
    changed = _post(client, "mqls", "450", version=1)
    assert _field(changed.text, "version") == "2"
    assert Target.objects.get().value == Decimal(450)
    removed = _post(client, "mqls", "", version=2)
    assert removed.status_code == 200
    assert not Target.objects.exists()
    assert _field(removed.text, "value") == "" and _field(removed.text, "version") == "0"


@pytest.mark.parametrize(
    ("kpi", "value", "message"),
    [
        ("acceptance_rate", "-5", "Zorg ervoor dat deze waarde minstens 0 is."),
        ("mqls", "-1", "Zorg ervoor dat deze waarde minstens 0 is."),
        ("acceptance_rate", "1000.01", None),  # our own: a percentage of at most 1,000
        ("mqls", "veel", "Voer een getal in."),
        ("mqls", "NaN", "Voer een getal in."),
        ("mqls", "12.345", "Zorg dat er niet meer dan 2 cijfers achter de komma staan."),
        ("won_revenue", "999999999999", None),  # more than any target may be
    ],
)
def test_a_bad_cell_gets_a_dutch_message_in_its_row_and_changes_nothing(
    login, manager, kpi, value, message
):
    client = login(manager)
    _post(client, kpi, "10")
    before = list(Target.objects.values())
    response = _post(client, kpi, value, version=1)
    assert response.status_code == 200
    status = _status(response.text)
    assert 'class="error"' in response.text
    if message:
        assert message in status
    elif kpi == "acceptance_rate":
        assert _nl("A percentage of at most 1,000.") in status
    else:
        assert "hoogstens 100000000000" in status  # the model's limit, Django's message
    assert list(Target.objects.values()) == before
    # The row shows what is stored, so the next edit starts from the truth.
    assert _field(response.text, "value") == "10" and _field(response.text, "version") == "1"


def test_a_percentage_of_exactly_1000_is_allowed(login, manager):
    _post(login(manager), "budget_spent", "1000")
    assert Target.objects.get().value == Decimal(10)


def test_tampered_hidden_fields_get_a_message_not_an_error_page(login, manager):
    client = login(manager)
    for fields in ({"kpi": "rejection_reasons"}, {"kpi": "nonsense"}, {"period": "decade"},
                   {"start": "gisteren"}, {"segment": "999999"}):  # fmt: skip
        data = {"kpi": "mqls"} | fields
        response = _post(client, data.pop("kpi"), "5", **data)
        assert response.status_code == 200, fields
        # The row cannot be redrawn: the editor reloads and shows the message.
        assert response["HX-Redirect"].startswith(reverse("dashboards:targets")), fields
        editor = client.get(response["HX-Redirect"]).text
        assert 'class="message message-error"' in editor, fields
        if "start" in fields:
            assert "Voer een geldige datum in." in editor
    bad_version = _post(client, "mqls", "5", version=-1)
    assert "Zorg ervoor dat deze waarde minstens 0 is." in _status(bad_version.text)
    assert not Target.objects.exists()


def test_without_javascript_the_editor_comes_back_on_the_same_period_and_segment(login, manager):
    segment = make_segment(by=manager)
    response = _post(login(manager), "mqls", "40", htmx=False, segment=segment.pk,
                     period="month", start="2026-02-10")  # fmt: skip
    assert response.status_code == 302
    assert f"segment={segment.pk}" in response.url and "period=month" in response.url
    assert "start=2026-02-10" in response.url
    page = login(manager).get(response.url).text
    assert _typed(page)["mqls"] == "40"
    assert _nl("Saved.") in page


def test_a_conflicting_edit_shows_the_other_managers_value_and_saves_nothing(
    login, manager, sales_manager
):
    _post(login(manager), "mqls", "400")  # Maud sets it; Sjoerd's editor still shows none
    response = _post(login(sales_manager), "mqls", "500", version=0)
    assert response.status_code == 200
    status = _status(response.text)
    assert _nl("Another manager changed this target meanwhile. Nothing was saved.") in status
    assert manager.name in status  # who it was
    assert _field(response.text, "value") == "400" and _field(response.text, "version") == "1"
    target = Target.objects.get()
    assert target.value == Decimal(400) and target.updated_by == manager
    # With the version the row now carries, Sjoerd's next edit goes through.
    _post(login(sales_manager), "mqls", "500", version=1)
    assert Target.objects.get().value == Decimal(500)


def test_a_stale_removal_or_change_is_refused(login, manager, sales_manager):
    _post(login(manager), "mqls", "400")
    _post(login(manager), "mqls", "420", version=1)
    for value in ("", "380"):  # Sjoerd read version 1
        response = _post(login(sales_manager), "mqls", value, version=1)
        assert _field(response.text, "value") == "420"
    assert Target.objects.get().value == Decimal(420)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writers at once need PostgreSQL's row locks"
)
def test_two_managers_creating_the_same_target_at_once_leave_the_first_one():
    """Neither saw a target (version 0): the second insert waits for the first and is then
    refused by the unique constraint, reporting the first one's value."""
    maud, sjoerd = make_person("manager"), make_person("sales_manager")
    inserted, commit = threading.Event(), threading.Event()

    def first():
        try:
            with transaction.atomic():
                services.set_target(kpi="mqls", period="quarter", start=QUARTER, segment=None,
                                    value=Decimal(400), joint=True, version=0, by=maud)  # fmt: skip
                inserted.set()
                commit.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert inserted.wait(10)
    threading.Timer(0.5, commit.set).start()  # the first commits while the second waits
    with pytest.raises(services.TargetConflict) as conflict:
        services.set_target(kpi="mqls", period="quarter", start=QUARTER, segment=None,
                            value=Decimal(500), joint=False, version=0, by=sjoerd)  # fmt: skip
    thread.join()
    assert conflict.value.current.value == Decimal(400)
    assert conflict.value.current.updated_by == maud
    target = Target.objects.get()
    assert (target.value, target.joint, target.version) == (Decimal(400), True, 1)


@pytest.mark.parametrize("persona", ["marketer", "salesperson", "service"])
def test_only_managers_set_targets_the_others_read_the_same_grid(login, manager, persona):
    _post(login(manager), "acceptance_rate", "80", joint="on")
    reader = make_person(persona)
    refused = _post(login(reader), "acceptance_rate", "10", version=1)
    assert refused.status_code == 403
    assert Target.objects.get().value == Decimal("0.8")
    page = login(reader).get(reverse("dashboards:targets"), {"start": QUARTER})
    assert page.status_code == 200
    row = re.search(r'<tr id="target-acceptance_rate">.*?</tr>', page.text, re.S).group(0)
    assert "80%" in row and _nl("joint") in row
    assert 'name="value"' not in page.text and reverse("dashboards:target_cell") not in page.text


def test_a_manager_sees_the_inputs_a_salesperson_does_not(login, manager, salesperson):
    assert 'name="value"' in login(manager).get(reverse("dashboards:targets")).text
    assert 'name="value"' not in login(salesperson).get(reverse("dashboards:targets")).text


def test_targets_per_segment_and_per_period_kind_are_apart(login, manager):
    segment = make_segment(by=manager)
    client = login(manager)
    _post(client, "mqls", "400")
    _post(client, "mqls", "90", segment=segment.pk)
    _post(client, "mqls", "130", period="month")
    assert Target.objects.count() == 3

    def mqls(**scope) -> str:
        page = client.get(reverse("dashboards:targets"), {"start": QUARTER, **scope}).text
        return _typed(page)["mqls"]

    assert mqls(period="quarter") == "400"
    assert mqls(period="quarter", segment=segment.pk) == "90"
    assert mqls(period="month") == "130"
    assert mqls(period="week") == ""
    # Changing the segment's target leaves the company's alone.
    _post(client, "mqls", "95", segment=segment.pk, version=1)
    assert Target.objects.get(segment=None, period="quarter").value == Decimal(400)


def test_the_editor_opens_on_the_current_quarter_and_names_it(login, manager):
    page = login(manager).get(reverse("dashboards:targets")).text
    assert re.search(r'<option value="quarter" selected>', page)
    with translation.override("nl"):
        assert f"{translation.gettext('Quarter').lower()} " in page.lower()
    assert "The quarter from" not in page and "quarter from" not in page


def test_a_bad_scope_is_ignored(login, manager):
    page = login(manager).get(
        reverse("dashboards:targets"), {"period": "eeuw", "start": "ooit", "segment": "x"}
    )
    assert page.status_code == 200
    assert re.search(r'<option value="quarter" selected>', page.text)


def test_the_joint_flag_is_saved_and_cleared(login, manager):
    client = login(manager)
    joint = _post(client, "won_revenue", "100000", joint="on")
    assert Target.objects.get().joint
    assert re.search(r'name="joint"[^>]*checked', joint.text)
    cleared = _post(client, "won_revenue", "100000", version=1)
    assert not Target.objects.get().joint
    assert not re.search(r'name="joint"[^>]*checked', cleared.text)


def test_the_editor_costs_the_same_number_of_queries_with_more_targets(login, manager):
    client = login(manager)
    _post(client, "mqls", "400")

    def grow():
        segment = make_segment(by=manager, name="Zorg")
        for kpi in ("new_leads", "win_rate", "won_revenue", "cost_per_mql"):
            _post(client, kpi, "10", joint="on")
            _post(client, kpi, "20", segment=segment.pk)

    assert_same_query_count(
        lambda: client.get(reverse("dashboards:targets"), {"start": QUARTER}), grow
    )
