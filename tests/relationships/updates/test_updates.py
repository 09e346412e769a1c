"""Product updates: who publishes and edits them, the list everyone reads, the unread ones
flagged for sales (and marked read once seen), and the updates of a period for the
weekly meeting."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from relationships.models import ProductUpdate, ProductUpdateRead
from relationships.updates import queries, services
from tests.conftest import make_person
from tests.leads.helpers import make_segment
from tests.queries import assert_same_query_count

LIST = reverse("relationships:update_list")
CREATE = reverse("relationships:update_create")
EN = {"Accept-Language": "en"}
TODAY = timezone.localdate()


def _publish(by, title="New ERP link", **extra) -> ProductUpdate:
    values = {"body": "Orders flow in every quarter hour.", "effective_date": TODAY} | extra
    return services.publish_update(by=by, title=title, **values)


def _form(**values) -> dict:
    return {"title": "Prices from 1 January", "body": "Up 4%.", "effective_date": "2030-01-01"} | (
        values
    )


def _unread_badge(client) -> str:
    """The top bar's count of unread updates, or "" when there is none."""
    return str(client.get(reverse("alignment:directory")).context.get("nav_unread_updates", ""))


# Publishing and editing ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["marketer", "manager", "sales_manager"])
def test_marketing_and_managers_publish(request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, _form())
    update = ProductUpdate.objects.get()
    assert response["Location"] == reverse("relationships:update_detail", args=[update.pk])
    assert update.effective_date == datetime.date(2030, 1, 1)


@pytest.mark.parametrize("persona", ["salesperson", "service_agent", "admin_person"])
def test_others_do_not_publish(request, login, persona):
    person = request.getfixturevalue(persona)
    assert login(person).post(CREATE, _form()).status_code == 403
    with pytest.raises(PermissionDenied):
        _publish(person)
    assert not ProductUpdate.objects.exists()


def test_an_update_may_be_for_some_segments(login, marketer):
    care, logistics = make_segment(by=marketer, name="Care"), make_segment(by=marketer, name="Log")
    login(marketer).post(CREATE, _form(segments=[care.pk, logistics.pk]))
    assert set(ProductUpdate.objects.get().segments.all()) == {care, logistics}


def test_bad_input_shows_a_message_and_stores_nothing(login, marketer):
    client = login(marketer)
    for data in (
        _form(title=""),
        _form(title="Two\nlines"),
        _form(effective_date="soon"),
        _form(segments=["999999"]),
        _form(segments=["9" * 30]),
    ):
        response = client.post(CREATE, data, headers=EN)
        assert response.status_code == 400, data
        assert 'class="error"' in response.text
    assert not ProductUpdate.objects.exists()


def test_the_author_or_a_marketing_manager_edits_an_update(login, marketer, manager, sales_manager):
    update = _publish(marketer)
    edit = reverse("relationships:update_edit", args=[update.pk])
    other_marketer = make_person("marketer", username="other")
    assert login(other_marketer).get(edit).status_code == 403
    assert login(sales_manager).post(edit, _form(title="Hijack")).status_code == 403
    assert login(marketer).get(edit).status_code == 200
    assert login(manager).post(edit, _form(title="Corrected")).status_code == 302
    update.refresh_from_db()
    assert update.title == "Corrected"


# Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["salesperson", "service_agent", "marketer", "admin_person"])
def test_everyone_reads_the_updates(request, login, marketer, persona):
    _publish(marketer, "Visible to all")
    assert "Visible to all" in login(request.getfixturevalue(persona)).get(LIST).text


def test_sales_sees_the_unread_count_until_it_opens_the_list(login, marketer, salesperson):
    _publish(marketer, "First")
    _publish(marketer, "Second")
    client = login(salesperson)
    assert _unread_badge(client) == "2"
    page = client.get(LIST, headers=EN)
    # Flagged as new on this visit, read from now on.
    assert page.text.count('class="badge badge-new"') == 2
    assert ProductUpdateRead.objects.filter(person=salesperson).count() == 2
    assert _unread_badge(client) == "0"
    assert 'class="badge badge-new"' not in client.get(LIST).text


def test_opening_one_update_marks_it_read(login, marketer, salesperson):
    first, _second = _publish(marketer, "First"), _publish(marketer, "Second")
    client = login(salesperson)
    client.get(reverse("relationships:update_detail", args=[first.pk]))
    client.get(reverse("relationships:update_detail", args=[first.pk]))  # reading twice is fine
    assert _unread_badge(client) == "1"


def test_the_author_has_read_their_own_update_and_marketing_has_no_count(login, marketer):
    _publish(marketer)
    assert ProductUpdateRead.objects.filter(person=marketer).count() == 1
    assert _unread_badge(login(make_person("marketer", username="colleague"))) == ""


def test_who_publishes_sees_how_many_salespeople_read_an_update(login, marketer, salesperson):
    update = _publish(marketer)
    make_person("salesperson", username="second")
    services.mark_read(person=salesperson, update_ids=[update.pk])
    assert "Read by 1 of 2 salespeople" in login(marketer).get(LIST, headers=EN).text
    assert "Read by" not in login(salesperson).get(LIST, headers=EN).text


def test_a_missing_update_is_not_found(login, salesperson):
    response = login(salesperson).get(reverse("relationships:update_detail", args=[12345]))
    assert response.status_code == 404


def test_the_list_runs_the_same_number_of_queries_for_more_updates(login, marketer, salesperson):
    segment = make_segment(by=marketer, name="Care")
    _publish(marketer, segments=[segment])
    client = login(salesperson)

    def more_updates():
        colleague = make_person("salesperson", username="colleague")
        for index in range(6):
            update = _publish(marketer, f"Update {index}", segments=[segment])
            services.mark_read(person=colleague, update_ids=[update.pk])

    assert_same_query_count(lambda: client.get(LIST), more_updates)


def test_the_list_pages_with_htmx(login, marketer, salesperson):
    _publish(marketer)
    response = login(salesperson).get(LIST, {"page": "1"}, headers={"HX-Request": "true"})
    assert 'id="results"' in response.text and "<html" not in response.text


# For the weekly meeting ------------------------------------------------------------------


def test_updates_between_takes_the_period_from_since_up_to_until(
    marketer, django_assert_num_queries
):
    segment = make_segment(by=marketer, name="Care")
    now = timezone.now()
    times = [now - datetime.timedelta(days=d) for d in (30, 10, 2, 0)]
    for index, at in enumerate(times):
        _publish(marketer, f"Update {index}", now=at, segments=[segment])
    with django_assert_num_queries(2):  # the updates, then all their segments
        period = queries.updates_between(times[1], times[3])
        assert [u.title for u in period] == ["Update 1", "Update 2"]
        assert [s.name for s in period[0].segments.all()] == ["Care"]
        assert period[0].author.name
    assert [u.title for u in queries.updates_between(None, times[1])] == ["Update 0"]
