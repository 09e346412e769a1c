"""Bulk reassignment from the team queue (issue #10, point 14): a sales manager ticks
leads and gives them to one person, whose open queue size the picker shows. Owners are
salespeople and sales managers only, enforced by the server."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from alignment.models import Notification
from leads.handoff import queries, queues
from leads.handoff import services as lifecycle
from leads.handoff.transitions import TransitionRefused
from leads.models import Lead, LeadEvent, SlaClock, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.queries import assert_same_query_count

URL = reverse("leads:queue_reassign")
QUEUE = reverse("leads:queue")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def leads(marketer, manager, sales_manager, salesperson):
    make_agreement(marketing=manager, sales=sales_manager, salespeople=[salesperson])
    return [
        handed_off(ready_lead(by=marketer, last_name=f"L{n}", email=f"l{n}@x.nl"), by=marketer)
        for n in range(3)
    ]


@pytest.fixture
def colleague(db):
    return make_person("salesperson", username="colleague")


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_the_picker_shows_each_persons_open_queue_size(login, sales_manager, salesperson, leads,
                                                       colleague):  # fmt: skip
    body = login(sales_manager).get(QUEUE).text
    assert 'id="bulk-reassign"' in body and 'form="bulk-reassign"' in body
    assert f"{salesperson.name} (3 open)" in body and f"{colleague.name} (0 open)" in body
    sizes = queues.queue_sizes()
    assert sizes[salesperson.pk].waiting == 3 and sales_manager.pk not in sizes
    assert queues.summary_of(sizes, None) == queues.queue_summary(owners=None)
    assert queues.summary_of(sizes, [salesperson.pk]) == queues.queue_summary(
        owners=[salesperson.pk]
    )


def test_a_manager_gives_several_leads_to_one_person(login, sales_manager, salesperson, leads,
                                                     colleague):  # fmt: skip
    chosen = [leads[0].pk, leads[2].pk]
    response = login(sales_manager).post(
        URL, {"lead": chosen, "to": colleague.pk, "note": "Holiday", "next": f"{QUEUE}?sort=fit"}
    )
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?sort=fit"
    assert _messages(response) == [("success", f"2 leads now belong to {colleague.name}.")]
    assert set(Lead.objects.filter(owner=colleague).values_list("pk", flat=True)) == set(chosen)
    assert Lead.objects.get(pk=leads[1].pk).owner == salesperson
    # The clocks move along, with their deadlines; each lead's timeline says so.
    assert SlaClock.objects.filter(closed_at=None, owner=colleague).count() == 2
    events = LeadEvent.objects.filter(kind="reassign", assigned_to=colleague, note="Holiday")
    assert events.count() == 2
    # One notification for the lot, not one per lead.
    assert list(
        Notification.objects.filter(recipient=colleague).values_list("kind", flat=True)
    ) == ["leads_reassigned"]


def test_the_picker_workload_follows_the_reassignment(login, sales_manager, salesperson, leads,
                                                      colleague):  # fmt: skip
    client = login(sales_manager)
    client.post(URL, {"lead": [leads[0].pk], "to": colleague.pk})
    body = client.get(QUEUE).text
    assert f"{salesperson.name} (2 open)" in body and f"{colleague.name} (1 open)" in body


def test_leads_that_cannot_go_are_reported_in_one_message(login, sales_manager, salesperson,
                                                          leads, colleague):  # fmt: skip
    lifecycle.change_stage(lead_id=leads[1].pk, to=Stage.REJECTED, by=salesperson,
                           reason="no_need")  # fmt: skip
    response = login(sales_manager).post(URL, {"lead": [lead.pk for lead in leads],
                                               "to": salesperson.pk})  # fmt: skip
    messages = _messages(response)
    assert [level for level, _ in messages] == ["error"]
    text = messages[0][1]
    assert text.startswith("3 leads were not reassigned.")
    assert "already owns this lead" in text and "Only leads that sales is working on" in text


@pytest.mark.parametrize("role", ["marketer", "manager", "service"])
def test_only_salespeople_and_sales_managers_can_get_leads(login, sales_manager, leads, role):
    outsider = make_person(role, username=f"not-{role}")
    response = login(sales_manager).post(URL, {"lead": [leads[0].pk], "to": outsider.pk})
    assert _messages(response) == [("error", "Choose an active salesperson.")]
    with pytest.raises(TransitionRefused):  # the service refuses too, whatever the form
        lifecycle.reassign_many(lead_ids=[leads[0].pk], to_id=outsider.pk, by=sales_manager)
    assert not Lead.objects.filter(owner=outsider).exists()


def test_an_inactive_salesperson_gets_no_leads(login, sales_manager, leads, colleague):
    colleague.user.is_active = False
    colleague.user.save()
    login(sales_manager).post(URL, {"lead": [leads[0].pk], "to": colleague.pk})
    assert not Lead.objects.filter(owner=colleague).exists()


def test_a_salesperson_cannot_reassign_in_bulk(login, salesperson, leads, colleague):
    response = login(salesperson).post(URL, {"lead": [leads[0].pk], "to": colleague.pk})
    assert response.status_code == 403
    assert 'id="bulk-reassign"' not in login(salesperson).get(QUEUE).text
    with pytest.raises(TransitionRefused):
        lifecycle.reassign_many(lead_ids=[leads[0].pk], to_id=colleague.pk, by=salesperson)
    assert not Lead.objects.filter(owner=colleague).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to": "me"}, "Select the leads to reassign first."),
        ({"lead": ["x"], "to": "me"}, "Select the leads to reassign first."),
        ({"lead": ["1"]}, "Choose who gets the leads."),
        ({"lead": ["1"], "to": "²"}, "Choose an active salesperson."),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(login, sales_manager, leads, data, message):
    data = {k: (sales_manager.pk if v == "me" else v) for k, v in data.items()}
    before = list(Lead.objects.order_by("pk").values_list("owner_id", flat=True))
    response = login(sales_manager).post(URL, data)
    assert response.status_code == 302
    assert message in _messages(response)[0][1]
    assert list(Lead.objects.order_by("pk").values_list("owner_id", flat=True)) == before


def test_the_team_queue_runs_a_constant_number_of_queries(login, marketer, sales_manager, leads):
    client = login(sales_manager)

    def grow():
        make_person("salesperson", username="more-sales")
        for n in range(3):
            handed_off(ready_lead(by=marketer, email=f"g{n}@x.nl"), by=marketer)

    assert_same_query_count(lambda: client.get(QUEUE), grow)


def test_all_on_every_page_takes_the_filtered_queue(
    login, marketer, sales_manager, salesperson, leads, colleague, monkeypatch
):
    monkeypatch.setattr(queues, "QUEUE_PAGE", 1)
    other = make_person("salesperson", username="other")
    extra = handed_off(ready_lead(by=marketer, email="extra@x.nl"), by=marketer)
    lifecycle.reassign(lead_id=extra.pk, to_id=other.pk, by=sales_manager)
    client = login(sales_manager)
    page = client.get(QUEUE, {"person": salesperson.pk})
    assert "All leads shown, on every page" in page.text
    assert f'<input type="hidden" name="person" value="{salesperson.pk}">' in page.text
    response = client.post(URL, {"all": "1", "person": salesperson.pk, "to": colleague.pk})
    assert _messages(response) == [("success", f"3 leads now belong to {colleague.name}.")]
    assert Lead.objects.get(pk=extra.pk).owner == other  # not in the filtered queue


def test_all_takes_at_most_the_bulk_maximum(login, sales_manager, leads, colleague, monkeypatch):
    monkeypatch.setattr(queries, "BULK_REASSIGN_MAX", 2)
    login(sales_manager).post(URL, {"all": "1", "to": colleague.pk})
    assert Lead.objects.filter(owner=colleague).count() == 2


# From the lead list: also the leads past the queue (SQL, opportunity) --------------------


def test_a_manager_reassigns_from_the_lead_list_also_leads_past_the_queue(
    login, sales_manager, salesperson, leads, colleague
):
    lifecycle.change_stage(lead_id=leads[0].pk, to=Stage.SAL, by=salesperson)
    lifecycle.log_first_contact(lead_id=leads[0].pk, by=salesperson, channel="call")
    lifecycle.change_stage(lead_id=leads[0].pk, to=Stage.SQL, by=salesperson)
    other = ready_lead(by=salesperson, email="new@x.nl")  # new: marketing's, not sales'
    client = login(sales_manager)
    lead_list = reverse("leads:lead_list")
    body = client.get(lead_list, {"owner": salesperson.pk}).text
    assert 'id="bulk-reassign"' in body and f"{colleague.name} (0 open)" in body
    assert f'<input type="checkbox" name="lead" value="{leads[0].pk}" form="bulk-reassign"' in body
    all_leads = client.get(lead_list).text
    assert f'value="{other.pk}" form="bulk-reassign"' not in all_leads  # cannot be reassigned
    back = f"{lead_list}?owner={salesperson.pk}"
    response = client.post(URL, {"lead": [leads[0].pk], "to": colleague.pk, "next": back})
    assert response["Location"] == back
    assert Lead.objects.get(pk=leads[0].pk).owner == colleague  # an SQL: no clock, still moved


def test_the_lead_list_has_no_bulk_bar_for_others(login, salesperson, marketer, leads):
    for person in (salesperson, marketer):
        assert 'id="bulk-reassign"' not in login(person).get(reverse("leads:lead_list")).text


def test_the_managers_lead_list_runs_a_constant_number_of_queries(
    login, marketer, sales_manager, leads
):
    client = login(sales_manager)

    def grow():
        make_person("salesperson", username="more-sales")
        for n in range(3):
            handed_off(ready_lead(by=marketer, email=f"g{n}@x.nl"), by=marketer)

    assert_same_query_count(lambda: client.get(reverse("leads:lead_list")), grow)
