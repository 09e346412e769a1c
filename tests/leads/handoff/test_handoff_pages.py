"""The pages: the queue with its one-click htmx actions, marketing's lists, the agreement
pages and the lead's timeline, with constant query counts."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from leads.handoff import services as lifecycle
from leads.models import HandoffAgreement, Lead, LeadEvent, SlaClock, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.queries import assert_same_query_count

HX = {"HX-Request": "true"}


@pytest.fixture
def agreement(manager, sales_manager):
    return make_agreement(marketing=manager, sales=sales_manager)


@pytest.fixture
def lead(marketer, salesperson, agreement):
    return handed_off(ready_lead(by=marketer), by=marketer)


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English (the language cookie), messages made in tests too."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


# Queue ----------------------------------------------------------------------------------


def test_salesperson_sees_the_lead_in_the_queue_with_a_running_clock(login, salesperson, lead):
    response = login(salesperson).get(reverse("leads:queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert str(lead) in body
    assert "left" in body and "to accept or reject" in body
    assert "On track" in body  # the urgency in words, not colour only


def test_the_queue_partial_for_htmx(login, salesperson, lead):
    response = login(salesperson).get(reverse("leads:queue"), headers=HX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="queue-list"')
    assert "<html" not in body


def test_marketer_has_no_queue(login, marketer, lead):
    assert login(marketer).get(reverse("leads:queue")).status_code == 403


def test_the_marketing_manager_has_no_queue_either(login, manager, lead):
    # The queue is sales' work list: marketing follows its leads on the lead pages.
    client = login(manager)
    assert client.get(reverse("leads:queue"), {"person": lead.owner.pk}).status_code == 403
    assert client.get(reverse("leads:queue")).status_code == 403
    assert reverse("leads:queue") not in client.get(reverse("dashboards:home")).text


def test_the_customer_director_reads_the_whole_sales_queue(login, lead):
    director = make_person("manager", username="director", leads_all_teams=True)
    page = login(director).get(reverse("leads:queue"), {"person": lead.owner.pk})
    assert page.status_code == 200 and f'id="lead-{lead.pk}"' in page.text


def test_salesperson_sees_only_their_own_leads_and_the_manager_the_team(
    login, marketer, salesperson, sales_manager, lead, client
):
    other = make_person("salesperson", username="other-sales")
    theirs = ready_lead(by=marketer, email="theirs@x.nl")
    lifecycle.hand_off(lead_ids=[theirs.pk], by=marketer)
    theirs.refresh_from_db()
    assert theirs.owner == other
    mine = login(salesperson).get(reverse("leads:queue")).content.decode()
    assert f'id="lead-{lead.pk}"' in mine and f'id="lead-{theirs.pk}"' not in mine
    # A salesperson cannot look into a colleague's queue by editing the address.
    peek = login(salesperson).get(reverse("leads:queue"), {"person": other.pk}).content.decode()
    assert f'id="lead-{theirs.pk}"' not in peek
    team = login(sales_manager).get(reverse("leads:queue")).content.decode()
    assert f'id="lead-{lead.pk}"' in team and f'id="lead-{theirs.pk}"' in team
    only_other = (
        login(sales_manager).get(reverse("leads:queue"), {"person": other.pk}).content.decode()
    )
    assert f'id="lead-{lead.pk}"' not in only_other


def test_accept_in_one_click_with_htmx(login, salesperson, lead):
    response = login(salesperson).post(
        reverse("leads:lead_accept", args=[lead.pk]), {"expected": "mql"}, headers=HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<li")
    assert "You accepted" in body and "Log first contact" in body
    assert Lead.objects.get(pk=lead.pk).stage == Stage.SAL


def test_accept_without_htmx_redirects_back(login, salesperson, lead):
    response = login(salesperson).post(
        reverse("leads:lead_accept", args=[lead.pk]), {"expected": "mql", "next": "/queue/"}
    )
    assert response.status_code == 302 and response["Location"] == "/queue/"
    assert Lead.objects.get(pk=lead.pk).stage == Stage.SAL


def test_a_stale_accept_says_someone_else_already_acted(login, salesperson, sales_manager, lead):
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=sales_manager, reason="no_need")
    response = login(salesperson).post(
        reverse("leads:lead_accept", args=[lead.pk]), {"expected": "mql"}, headers=HX
    )
    body = response.content.decode()
    assert "already moved this lead on" in body and sales_manager.name in body
    assert Lead.objects.get(pk=lead.pk).stage == Stage.REJECTED


def test_salesperson_cannot_accept_someone_elses_lead_through_the_page(login, lead):
    other = make_person("salesperson", username="other-sales")
    response = login(other).post(
        reverse("leads:lead_accept", args=[lead.pk]), {"expected": "mql"}, follow=True
    )
    assert "Only the salesperson who owns this lead" in response.content.decode()
    assert Lead.objects.get(pk=lead.pk).stage == Stage.MQL


def test_reject_with_a_reason_from_the_picker(login, salesperson, lead):
    client = login(salesperson)
    refused = client.post(reverse("leads:lead_reject", args=[lead.pk]), {"reason": ""}, headers=HX)
    assert "Choose one of the agreed rejection reasons" in refused.content.decode()
    response = client.post(
        reverse("leads:lead_reject", args=[lead.pk]),
        {"reason": "wrong_contact", "note": "Bounced", "expected": "mql"},
        headers=HX,
    )
    assert "marketing sees your reason" in response.content.decode()
    event = LeadEvent.objects.get(lead=lead, to_stage=Stage.REJECTED)
    assert (event.reason, event.note) == ("wrong_contact", "Bounced")


def test_reject_form_fallback_without_javascript(login, salesperson, lead):
    client = login(salesperson)
    page = client.get(reverse("leads:lead_reject", args=[lead.pk]))
    assert "Cannot reach after the agreed attempts" in page.content.decode()
    response = client.post(
        reverse("leads:lead_reject", args=[lead.pk]), {"reason": "other", "expected": "mql"}
    )
    assert response.status_code == 200  # the form again: "other" needs a note
    assert "Explain" in response.content.decode()
    assert Lead.objects.get(pk=lead.pk).stage == Stage.MQL


def test_the_queue_loads_a_rows_form_only_when_it_is_opened(login, salesperson, lead):
    client = login(salesperson)
    body = client.get(reverse("leads:queue")).content.decode()
    form_url = reverse("leads:lead_reject", args=[lead.pk])
    assert f'hx-get="{form_url}?view=cards"' in body and 'hx-trigger="toggle once"' in body
    assert 'name="reason"' not in body  # no form rendered for a row nobody opened
    assert f'href="{form_url}"' in body  # without JavaScript: the form's own page

    inline = client.get(form_url, {"view": "table"}, headers=HX).content.decode()
    assert "<html" not in inline and f'id="id_reason_{lead.pk}"' in inline
    assert "Cannot reach after the agreed attempts" in inline  # the agreed reasons
    assert 'name="view" value="table"' in inline  # the answer replaces a table row


def test_the_first_contact_form_loads_into_its_row(login, salesperson, lead):
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    client = login(salesperson)
    form_url = reverse("leads:lead_contact", args=[lead.pk])
    assert f'hx-get="{form_url}?view=cards"' in client.get(reverse("leads:queue")).content.decode()
    inline = client.get(form_url, headers=HX).content.decode()
    assert "<html" not in inline and f'id="id_channel_{lead.pk}"' in inline
    assert 'name="view" value="cards"' in inline


def test_log_first_contact_with_htmx(login, salesperson, lead):
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    response = login(salesperson).post(
        reverse("leads:lead_contact", args=[lead.pk]),
        {"channel": "email", "note": "Sent"},
        headers=HX,
    )
    assert "First contact logged" in response.content.decode()
    assert SlaClock.objects.get(lead=lead, kind="first_contact").met_at is not None


def test_sales_manager_reassigns_from_the_form(login, sales_manager, lead):
    other = make_person("salesperson", username="other-sales")
    client = login(sales_manager)
    assert client.get(reverse("leads:lead_reassign", args=[lead.pk])).status_code == 200
    response = client.post(
        reverse("leads:lead_reassign", args=[lead.pk]),
        {"to": other.pk, "note": "Holiday", "expected_owner": lead.owner_id},
    )
    assert response.status_code == 302
    assert Lead.objects.get(pk=lead.pk).owner == other
    assert LeadEvent.objects.filter(lead=lead, kind="reassign").count() == 1


def test_queue_runs_a_constant_number_of_queries(login, marketer, salesperson, lead):
    client = login(salesperson)

    def grow():
        more = [ready_lead(by=marketer, email=f"more{n}@x.nl") for n in range(4)]
        lifecycle.hand_off(lead_ids=[m.pk for m in more], by=marketer)
        lifecycle.change_stage(lead_id=more[0].pk, to=Stage.SAL, by=salesperson)

    assert_same_query_count(lambda: client.get(reverse("leads:queue")), grow)


# Home -----------------------------------------------------------------------------------


def test_the_salespersons_home_shows_their_queue(login, salesperson, lead):
    body = login(salesperson).get(reverse("dashboards:home")).content.decode()
    assert "My queue" in body and str(lead) in body and reverse("leads:queue") in body


def test_the_marketers_home_links_to_the_handoff(login, marketer, lead):
    body = login(marketer).get(reverse("dashboards:home")).content.decode()
    assert reverse("leads:handoff_list") in body and reverse("leads:rejected_list") in body


# Marketing ------------------------------------------------------------------------------


def test_ready_for_handoff_lists_qualifying_leads_and_hands_them_off_in_bulk(
    login, marketer, salesperson, agreement
):
    good = [ready_lead(by=marketer, email=f"good{n}@x.nl") for n in range(2)]
    weak = ready_lead(by=marketer, industry="it", employees=1, country="DE", email="weak@x.nl")
    client = login(marketer)
    page = client.get(reverse("leads:handoff_list")).content.decode()
    assert "good0@x.nl" not in page  # names are shown, not addresses
    assert f'value="{good[0].pk}"' in page and f'value="{weak.pk}"' not in page
    response = client.post(reverse("leads:handoff_list"), {"lead": [g.pk for g in good]})
    assert response.status_code == 302
    assert set(Lead.objects.filter(stage=Stage.MQL).values_list("pk", flat=True)) == {
        g.pk for g in good
    }


def test_ready_for_handoff_explains_when_there_is_no_agreement(login, marketer):
    ready_lead(by=marketer)
    body = login(marketer).get(reverse("leads:handoff_list")).content.decode()
    assert "There is no approved handoff agreement yet" in body


def test_salesperson_cannot_hand_off(login, marketer, salesperson, agreement):
    new = ready_lead(by=marketer)
    assert (
        login(salesperson).post(reverse("leads:handoff_list"), {"lead": new.pk}).status_code == 403
    )
    assert Lead.objects.get(pk=new.pk).stage == Stage.NEW


def test_marketing_sees_rejections_with_reasons_and_recycles(login, marketer, salesperson, lead):
    lifecycle.change_stage(
        lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_budget", note="Next year"
    )
    client = login(marketer)
    body = client.get(reverse("leads:rejected_list")).content.decode()
    assert "No budget" in body and "Next year" in body and salesperson.name in body
    response = client.post(
        reverse("leads:lead_stage", args=[lead.pk]),
        {"to": "recycled", "expected": "rejected", "next": reverse("leads:rejected_list")},
    )
    assert response.status_code == 302
    assert Lead.objects.get(pk=lead.pk).stage == Stage.RECYCLED


# The agreement --------------------------------------------------------------------------


def test_the_agreement_page_reads_as_plain_language(login, salesperson, agreement):
    body = login(salesperson).get(reverse("leads:agreement")).content.decode()
    assert "accepts or rejects the lead within 24 hours" in body
    assert "fit score is 60 or higher" in body
    assert "Approved for marketing by" in body and "Approved for sales by" in body


def test_managers_draft_and_approve_through_the_pages(client, manager, sales_manager):
    client.force_login(manager.user)
    form = client.get(reverse("leads:agreement_edit"))
    assert form.status_code == 200
    data = {
        "min_fit_score": 65, "required_fields": ["phone"], "accept_hours": 8,
        "first_contact_hours": 16, "working_hours_only": "on", "work_days": [0, 1, 2, 3, 4],
        "work_start": "09:00", "work_end": "17:00", "time_zone": "Europe/Amsterdam",
        "assignment": "round_robin", "rejection_reasons": ["no_need", "duplicate"],
        "extra_reasons": "Already a customer", "recycle_days": 30, "change_note": "First",
    }  # fmt: skip
    response = client.post(reverse("leads:agreement_edit"), data)
    draft = HandoffAgreement.objects.get()
    assert response.status_code == 302
    assert draft.rejection_reasons == ["no_need", "duplicate", "Already a customer", "other"]
    page = client.get(reverse("leads:agreement_version", args=[draft.pk])).content.decode()
    assert "Approve for marketing" in page and "Approve for sales" not in page
    client.post(
        reverse("leads:agreement_approve", args=[draft.pk]),
        {"team": "marketing", "revision": draft.revision},
    )
    client.force_login(sales_manager.user)
    client.post(
        reverse("leads:agreement_approve", args=[draft.pk]),
        {"team": "sales", "revision": draft.revision},
    )
    draft.refresh_from_db()
    assert draft.status == HandoffAgreement.Status.ACTIVE
    history = client.get(reverse("leads:agreement_history")).content.decode()
    assert manager.name in history and sales_manager.name in history


def test_a_bad_agreement_form_changes_nothing(client, manager):
    client.force_login(manager.user)
    response = client.post(
        reverse("leads:agreement_edit"), {"min_fit_score": 150, "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    assert "Enter a time zone" in response.content.decode()
    assert not HandoffAgreement.objects.exists()


# The lead page --------------------------------------------------------------------------


def test_the_lead_page_shows_the_timeline_and_the_clock(login, salesperson, lead):
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    body = login(salesperson).get(reverse("leads:lead_detail", args=[lead.pk])).content.decode()
    assert "Handed off to sales, assigned to" in body
    assert "MQL → SAL" in body
    assert "First contact" in body and "left" in body
    assert "Log first contact" in body


def test_the_lead_page_runs_a_constant_number_of_queries(login, salesperson, sales_manager, lead):
    client = login(salesperson)
    other = make_person("salesperson", username="other-sales")

    def grow():
        lifecycle.reassign(lead_id=lead.pk, to_id=other.pk, by=sales_manager, note="a")
        lifecycle.reassign(lead_id=lead.pk, to_id=salesperson.pk, by=sales_manager, note="b")
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
        lifecycle.log_first_contact(lead_id=lead.pk, by=salesperson, channel="call")

    def get():
        assert client.get(reverse("leads:lead_detail", args=[lead.pk])).status_code == 200

    assert_same_query_count(get, grow)


def test_a_manager_proposes_rules_for_one_segment(client, manager, marketer, agreement):
    segment = ready_lead(by=marketer).fit.segment
    client.force_login(manager.user)
    page = client.get(reverse("leads:agreement")).content.decode()
    assert "Rules of its own for one segment" in page
    url = reverse("leads:agreement_edit") + f"?segment={segment.pk}"
    assert segment.name in client.get(url).content.decode()
    data = {
        "min_fit_score": 80, "accept_hours": 4, "first_contact_hours": 8,
        "work_start": "09:00", "work_end": "17:00", "time_zone": "Europe/Amsterdam",
        "assignment": "segment_owner", "recycle_days": 30,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    draft = HandoffAgreement.objects.get(segment=segment)
    assert (draft.status, draft.version, draft.min_fit_score) == ("draft", 1, 80)


def test_a_lead_rejected_twice_shows_once_with_its_latest_reason(
    login, marketer, salesperson, manager, sales_manager
):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=0)
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_need")
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.RECYCLED, by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.MQL, by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="duplicate")
    body = login(marketer).get(reverse("leads:rejected_list")).content.decode()
    assert body.count(f'href="/leads/{lead.pk}/"') == 1
    assert "Duplicate" in body


def test_rejected_list_runs_a_constant_number_of_queries(login, marketer, salesperson, agreement):
    client = login(marketer)

    def grow():
        for n in range(3):
            more = handed_off(ready_lead(by=marketer, email=f"r{n}@x.nl"), by=marketer)
            lifecycle.change_stage(
                lead_id=more.pk, to=Stage.REJECTED, by=more.owner, reason="no_budget"
            )

    assert_same_query_count(lambda: client.get(reverse("leads:rejected_list")), grow)


def test_digits_that_are_not_decimal_are_refused_not_an_error(login, marketer, sales_manager):
    # "²".isdigit() is True but int("²") fails: such input must not reach int().
    manager_client = login(sales_manager)
    assert manager_client.get(reverse("leads:queue"), {"person": "²"}).status_code == 200
    # An editor for a segment that does not exist is no editor for the whole company.
    edit = manager_client.get(reverse("leads:agreement_edit"), {"segment": "²"})
    assert edit.status_code == 404
    response = login(marketer).post(reverse("leads:handoff_list"), {"lead": "²"})
    assert response.status_code == 302
