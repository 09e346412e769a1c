"""Field notes: posting in seconds (top bar, lead page, own page; htmx and without
JavaScript), the feed and its filters, acknowledging and replying, and the notes of a
period for the weekly meeting."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from alignment.models import Notification
from relationships.models import FieldNote, NoteKind
from relationships.notes import queries, services
from tests.conftest import make_person
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.helpers import make_lead, make_segment
from tests.queries import assert_same_query_count

CREATE = reverse("relationships:note_create")
FEED = reverse("relationships:note_feed")
HTMX = {"HX-Request": "true"}
EN = {"Accept-Language": "en"}


def _note(author, text="Customers ask for a cheaper plan", **extra) -> FieldNote:
    return services.post_field_note(
        author=author, kind=extra.pop("kind", NoteKind.OBJECTION), text=text, **extra
    )


def _quick(client, text="They want a monthly plan", form_id="quicknote", **data):
    fields = {"form_id": form_id, "kind": "objection", "text": text, "next": "/leads/"} | data
    return client.post(CREATE, fields, headers=HTMX | EN)


# Posting ---------------------------------------------------------------------------------


def test_the_top_bar_offers_the_quick_form_to_sales_only(login, salesperson, marketer):
    page = login(salesperson).get(reverse("alignment:directory"))
    assert 'id="quicknote"' in page.text
    # It comes back to this page after posting without JavaScript.
    assert f'name="next" value="{reverse("alignment:directory")}"' in page.text
    assert 'id="quicknote"' not in login(marketer).get(reverse("alignment:directory")).text


def test_posting_from_the_top_bar_with_htmx_swaps_the_form_and_stays_on_the_page(
    login, salesperson
):
    response = _quick(login(salesperson))
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="quicknote"' in response.text
    assert "Thank you: your field note is with marketing." in response.text
    # The form comes back empty, ready for the next note.
    assert "They want a monthly plan" not in response.text
    note = FieldNote.objects.get()
    assert (note.author, note.kind) == (salesperson, NoteKind.OBJECTION)
    assert note.text == "They want a monthly plan"
    assert note.acknowledged_at is None


def test_without_javascript_posting_returns_to_where_you_were(login, salesperson):
    client = login(salesperson)
    data = {"kind": "competitor", "text": "PlanPro offers a free pilot", "next": "/leads/?page=2"}
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == "/leads/?page=2"
    assert FieldNote.objects.get().kind == NoteKind.COMPETITOR
    # Another site is never where you were.
    response = client.post(CREATE, data | {"next": "https://evil.example/"})
    assert response["Location"] == FEED


def test_bad_input_shows_a_message_and_stores_nothing(login, salesperson):
    client = login(salesperson)
    response = _quick(client, text="   ")
    assert response.status_code == 200  # htmx swaps only a 2xx answer
    assert "This field is required." in response.text
    response = _quick(client, kind="gossip")
    assert "Select a valid choice." in response.text
    response = _quick(client, lead="999999")
    assert "This lead no longer exists." in response.text
    response = _quick(client, text="x" * 4001)
    assert "at most 4000 characters" in response.text
    # Without JavaScript: the full form, with the message, and where to return to.
    response = client.post(CREATE, {"kind": "objection", "text": "", "next": "/leads/"}, headers=EN)
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert 'name="next" value="/leads/"' in response.text
    assert not FieldNote.objects.exists()


def test_the_full_form_ties_a_note_to_a_segment_and_a_campaign(login, salesperson, marketer):
    segment = make_segment(by=marketer, name="Care, Flanders")
    campaign = make_campaign(owner=marketer)
    client = login(salesperson)
    assert client.get(CREATE).status_code == 200
    data = {"kind": "feature_request", "text": "Rosters", "segment": segment.pk}
    client.post(CREATE, data | {"campaign": campaign.pk})
    note = FieldNote.objects.get()
    assert (note.segment, note.campaign) == (segment, campaign)


@pytest.mark.parametrize("persona", ["salesperson", "sales_manager"])
def test_sales_posts_notes(request, login, persona):
    login(request.getfixturevalue(persona)).post(CREATE, {"kind": "other", "text": "Heard it"})
    assert FieldNote.objects.count() == 1


@pytest.mark.parametrize("persona", ["marketer", "manager", "admin_person"])
def test_marketing_and_admins_do_not_post_notes(request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.post(CREATE, {"kind": "other", "text": "Heard it"}).status_code == 403
    assert not FieldNote.objects.exists()
    with pytest.raises(PermissionDenied):
        _note(request.getfixturevalue(persona))


def test_service_posts_notes_but_not_about_a_lead(service_agent, marketer):
    lead = make_lead()
    assert _note(service_agent).author == service_agent
    with pytest.raises(ValidationError):
        _note(service_agent, lead=lead)


# The lead page ---------------------------------------------------------------------------


def test_the_lead_page_shows_its_notes_and_a_form_tied_to_the_lead(login, salesperson, marketer):
    lead = make_lead()
    _note(salesperson, "Earlier remark", lead=lead)
    _note(salesperson, "About someone else")
    page = login(salesperson).get(reverse("leads:lead_detail", args=[lead.pk]))
    assert "Earlier remark" in page.text and "About someone else" not in page.text
    assert 'id="leadnote"' in page.text
    assert f'name="lead" value="{lead.pk}"' in page.text
    panel = page.text[page.text.index('id="lead-notes"') :]
    assert 'name="csrfmiddlewaretoken"' in panel  # the tag's form posts in a real browser too
    # Marketing reads the notes there, but posts none.
    page = login(marketer).get(reverse("leads:lead_detail", args=[lead.pk]))
    assert "Earlier remark" in page.text and 'id="leadnote"' not in page.text


def test_posting_on_the_lead_page_with_htmx_shows_the_new_note_in_its_panel(
    login, salesperson, marketer
):
    lead = make_lead()
    response = _quick(login(salesperson), "Wants a pilot", form_id="leadnote", lead=lead.pk)
    assert response.status_code == 200
    assert 'id="lead-notes"' in response.text and "Wants a pilot" in response.text
    assert FieldNote.objects.get().lead == lead


# The feed --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["marketer", "salesperson", "service_agent", "admin_person"])
def test_everyone_reads_the_feed(request, login, salesperson, persona):
    _note(salesperson, "Visible to all")
    assert "Visible to all" in login(request.getfixturevalue(persona)).get(FEED).text


def test_who_cannot_see_leads_does_not_see_which_lead_a_note_is_about(
    login, salesperson, marketer, service_agent
):
    lead = make_lead(first_name="Anna", last_name="Bos")
    _note(salesperson, lead=lead)
    assert "Anna Bos" in login(marketer).get(FEED).text
    page = login(service_agent).get(FEED, headers=EN)
    assert "Anna Bos" not in page.text and "a lead" in page.text


def test_the_feed_filters_by_type_segment_campaign_state_period_and_author(
    login, salesperson, sales_manager, marketer
):
    segment = make_segment(by=marketer, name="Logistics")
    old = _note(salesperson, "Old competitor news", kind=NoteKind.COMPETITOR)
    FieldNote.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    _note(salesperson, "Segment wish", kind=NoteKind.FEATURE_REQUEST, segment=segment)
    seen = _note(sales_manager, "Already seen")
    services.acknowledge_field_note(note_id=seen.pk, by=marketer)
    client = login(marketer)

    def texts(**params):
        return [note.text for note in client.get(FEED, params).context["page"]]

    assert texts(kind="competitor") == ["Old competitor news"]
    assert texts(segment=segment.pk) == ["Segment wish"]
    assert texts(state="acknowledged") == ["Already seen"]
    assert set(texts(state="open")) == {"Old competitor news", "Segment wish"}
    week_ago = timezone.localdate() - datetime.timedelta(days=7)
    assert "Old competitor news" not in texts(since=week_ago.isoformat())
    assert texts(until=(week_ago).isoformat()) == ["Old competitor news"]
    # A broken filter is dropped, not a server error.
    assert len(texts(kind="nonsense", segment="abc", since="yesterday")) == 3
    assert set(login(salesperson).get(FEED, {"mine": "1"}).context["page"].items) == {
        old,
        FieldNote.objects.get(text="Segment wish"),
    }


def test_the_feed_filters_with_htmx_answer_the_results_only(login, salesperson, marketer):
    _note(salesperson)
    response = login(marketer).get(FEED, {"kind": "objection"}, headers=HTMX)
    assert response.status_code == 200
    assert 'id="results"' in response.text and "<html" not in response.text


def test_the_feed_runs_the_same_number_of_queries_for_more_notes(login, salesperson, marketer):
    lead = make_lead()
    segment = make_segment(by=marketer, name="Health")
    client = login(marketer)
    note = _note(salesperson, lead=lead, segment=segment)
    services.reply_to_field_note(note_id=note.pk, by=marketer, text="Thanks")

    def more_notes():
        for index in range(8):
            author = make_person("salesperson", username=f"seller{index}")
            other = _note(author, f"Note {index}", lead=make_lead(), segment=segment)
            services.reply_to_field_note(note_id=other.pk, by=marketer, text="Noted")
            services.reply_to_field_note(note_id=other.pk, by=author, text="Great")

    assert_same_query_count(lambda: client.get(FEED), more_notes)


# Acknowledging and replying --------------------------------------------------------------


def test_marketing_acknowledges_a_note_in_place(login, salesperson, marketer):
    note = _note(salesperson)
    url = reverse("relationships:note_acknowledge", args=[note.pk])
    response = login(marketer).post(url, headers=HTMX | EN)
    assert response.status_code == 200
    assert f'id="note-{note.pk}"' in response.text and "<html" not in response.text
    assert "Acknowledged by Mia Tester" in response.text
    note.refresh_from_db()
    assert (note.acknowledged_by, note.acknowledged_at is not None) == (marketer, True)
    first = note.acknowledged_at
    services.acknowledge_field_note(note_id=note.pk, by=make_person("manager"))
    note.refresh_from_db()
    assert (note.acknowledged_by, note.acknowledged_at) == (marketer, first)


def test_sales_does_not_acknowledge_notes(login, salesperson, sales_manager):
    note = _note(salesperson)
    url = reverse("relationships:note_acknowledge", args=[note.pk])
    assert login(salesperson).post(url).status_code == 403
    note.refresh_from_db()
    assert note.acknowledged_at is None
    # A sales manager may: the managers of both teams answer notes.
    assert login(sales_manager).post(url).status_code == 302


def test_a_reply_acknowledges_the_note_and_tells_its_author(login, salesperson, marketer):
    note = _note(salesperson)
    url = reverse("relationships:note_reply", args=[note.pk])
    response = login(marketer).post(url, {"text": "We will make a leaflet"}, headers=HTMX)
    assert response.status_code == 200
    assert "We will make a leaflet" in response.text
    note.refresh_from_db()
    assert note.acknowledged_by == marketer
    told = Notification.objects.get(recipient=salesperson)
    assert told.kind == "field_note_reply"
    assert told.url == reverse("relationships:note_detail", args=[note.pk])
    with translation.override("en"):
        assert (
            told.text == "Mia Tester replied to your field note “Customers ask for a cheaper plan”."
        )


def test_the_author_answers_in_the_thread_and_the_repliers_are_told(
    login, salesperson, marketer, manager
):
    note = _note(salesperson)
    services.reply_to_field_note(note_id=note.pk, by=marketer, text="Which customer?")
    services.reply_to_field_note(note_id=note.pk, by=manager, text="And when?")
    url = reverse("relationships:note_reply", args=[note.pk])
    assert login(salesperson).post(url, {"text": "Van Dijk, last week"}).status_code == 302
    told = Notification.objects.filter(kind="field_note_author_reply")
    assert {n.recipient for n in told} == {marketer, manager}
    assert not Notification.objects.filter(recipient=salesperson, kind="field_note_author_reply")


def test_another_salesperson_does_not_reply_and_an_empty_reply_changes_nothing(
    login, salesperson, marketer
):
    note = _note(salesperson)
    url = reverse("relationships:note_reply", args=[note.pk])
    colleague = make_person("salesperson", username="colleague")
    assert login(colleague).post(url, {"text": "Me too"}).status_code == 403
    response = login(marketer).post(url, {"text": " "}, headers=EN)
    assert response.status_code == 400 and "This field is required." in response.text
    response = login(marketer).post(url, {"text": ""}, headers=HTMX | EN)
    assert response.status_code == 200 and "This field is required." in response.text
    assert not note.replies.exists()
    assert not Notification.objects.exists()


def test_a_note_has_its_own_page_and_a_missing_one_is_not_found(login, salesperson, marketer):
    note = _note(salesperson, "Linkable")
    client = login(marketer)
    assert "Linkable" in client.get(reverse("relationships:note_detail", args=[note.pk])).text
    assert client.get(reverse("relationships:note_detail", args=[note.pk + 1])).status_code == 404


# For the weekly meeting ------------------------------------------------------------------


def test_notes_between_takes_the_period_from_since_up_to_until(
    salesperson, marketer, django_assert_num_queries
):
    now = timezone.now()
    times = [now - datetime.timedelta(days=d) for d in (14, 7, 3, 0)]
    notes = [_note(salesperson, f"Note {i}", now=at) for i, at in enumerate(times)]
    for note in notes:
        services.reply_to_field_note(note_id=note.pk, by=marketer, text="Seen")
    with django_assert_num_queries(2):  # the notes, then all their replies
        week = queries.notes_between(times[1], times[3])
        assert [n.text for n in week] == ["Note 1", "Note 2"]  # oldest first, until excluded
        assert [r.text for r in week[0].replies.all()] == ["Seen"]
        assert week[0].author.name and week[0].segment is None
    assert [n.text for n in queries.notes_between(None, times[2])] == ["Note 0", "Note 1"]
