"""Marketing's handoff list built for volume (issue #10, point 11): a segment filter, the
number of leads ready, select all (also across pages) and one summary message."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from leads.handoff import queries
from leads.models import Lead, Stage
from tests.leads.handoff.helpers import make_agreement, ready_lead
from tests.leads.helpers import MANUFACTURING_ICP, make_segment
from tests.queries import assert_same_query_count

URL = reverse("leads:handoff_list")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def agreement(manager, sales_manager, salesperson):
    return make_agreement(marketing=manager, sales=sales_manager)


@pytest.fixture
def two_segments(marketer, agreement):
    """Two manufacturers and one logistics company, each ready in its own segment."""
    factories = make_segment(by=marketer)
    transport = make_segment(
        by=marketer, name="Transport", **(MANUFACTURING_ICP | {"industries": ["logistics"]})
    )
    made = [ready_lead(by=marketer, email=f"m{n}@x.nl", last_name=f"Maker{n}") for n in range(2)]
    moved = ready_lead(by=marketer, email="t@x.nl", last_name="Mover", industry="logistics")
    return factories, transport, made, moved


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_the_list_says_how_many_leads_are_ready(login, marketer, two_segments):
    body = login(marketer).get(URL).text
    assert "3 leads ready" in body
    assert "Select all on this page" in body


def test_the_segment_filter_shows_only_that_segments_leads(login, marketer, two_segments):
    _factories, transport, made, moved = two_segments
    client = login(marketer)
    body = client.get(URL, {"segment": transport.pk}).text
    assert f'id="handoff-{moved.pk}"' in body and f'id="handoff-{made[0].pk}"' not in body
    assert "1 lead ready" in body
    partial = client.get(URL, {"segment": transport.pk}, headers={"HX-Request": "true"}).text
    assert partial.lstrip().startswith('<section id="results"') and "<html" not in partial


def test_an_unknown_segment_is_refused_quietly_and_lists_everything(login, marketer, two_segments):
    body = login(marketer).get(URL, {"segment": "²"}).text
    assert "3 leads ready" in body


def test_bulk_handoff_ends_with_one_summary_message(login, marketer, salesperson, two_segments):
    _f, _t, made, moved = two_segments
    response = login(marketer).post(URL, {"lead": [made[0].pk, made[1].pk, moved.pk]})
    assert response.status_code == 302
    messages = _messages(response)
    assert messages == [
        ("success", f"3 leads handed off: {salesperson.name} (3); the accept clocks run.")
    ]
    assert Lead.objects.filter(stage=Stage.MQL).count() == 3


def test_refusals_are_summed_up_in_one_message(login, marketer, two_segments):
    _f, _t, made, moved = two_segments
    client = login(marketer)
    client.post(URL, {"lead": [made[0].pk]}, follow=True)
    response = client.post(URL, {"lead": [made[0].pk, made[1].pk]})
    levels = [level for level, _text in _messages(response)]
    assert levels == ["success", "error"]
    error = _messages(response)[1][1]
    assert error.startswith("1 lead was not handed off.") and "already moved this lead on" in error


def test_all_on_every_page_hands_off_the_whole_filtered_list(
    login, marketer, two_segments, monkeypatch
):
    factories, _t, made, moved = two_segments
    monkeypatch.setattr(queries, "LIST_PAGE", 1)
    client = login(marketer)
    page = client.get(URL, {"segment": factories.pk}).text
    assert "All ready leads, on every page" in page
    response = client.post(URL, {"all": "1", "segment": factories.pk})
    assert response.status_code == 302
    assert set(Lead.objects.filter(stage=Stage.MQL).values_list("pk", flat=True)) == {
        lead.pk for lead in made
    }
    assert Lead.objects.get(pk=moved.pk).stage == Stage.NEW  # another segment: untouched


def test_all_takes_at_most_the_bulk_maximum(login, marketer, two_segments, monkeypatch):
    monkeypatch.setattr(queries, "BULK_HANDOFF_MAX", 2)
    login(marketer).post(URL, {"all": "1"})
    assert Lead.objects.filter(stage=Stage.MQL).count() == 2


def test_nothing_selected_is_explained_and_changes_nothing(login, marketer, two_segments):
    response = login(marketer).post(URL, {"next": f"{URL}?segment=1"})
    assert response["Location"] == f"{URL}?segment=1"
    assert _messages(response) == [("error", "Select the leads to hand off first.")]
    assert not Lead.objects.filter(stage=Stage.MQL).exists()


def test_a_salesperson_cannot_hand_off_all(login, salesperson, two_segments):
    assert login(salesperson).post(URL, {"all": "1"}).status_code == 403
    assert not Lead.objects.filter(stage=Stage.MQL).exists()


def test_beyond_the_cap_the_count_says_more_than(login, marketer, two_segments, monkeypatch):
    monkeypatch.setattr(queries, "READY_COUNT_CAP", 2)
    assert "More than 2 leads ready" in login(marketer).get(URL).text


def test_the_handoff_list_runs_a_constant_number_of_queries(login, marketer, two_segments):
    factories = two_segments[0]
    client = login(marketer)

    def grow():
        for n in range(3):
            ready_lead(by=marketer, email=f"g{n}@x.nl")

    assert_same_query_count(lambda: client.get(URL, {"segment": factories.pk}), grow)
