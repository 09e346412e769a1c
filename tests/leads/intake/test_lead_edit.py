"""Correcting a lead: who may (marketing before the handoff, the owner and sales managers
after it), the timeline entry, the new fit, duplicates warned about, no lost updates."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from alignment import roles
from leads.handoff import services as lifecycle
from leads.intake import services as intake
from leads.models import Campaign, Lead, LeadEvent, Stage
from tests.conftest import make_person
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import make_lead, make_segment, snapshot
from tests.queries import assert_same_query_count


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _url(lead: Lead) -> str:
    return reverse("leads:lead_edit", args=[lead.pk])


def _form_data(client, lead: Lead, **changes) -> dict:
    """What the edit form holds when opened now, with some fields changed."""
    form = client.get(_url(lead)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data.pop("confirm_duplicate")
    return data | changes


# Saving, the timeline and the fit -------------------------------------------------------


def test_marketer_corrects_a_lead_and_the_timeline_shows_old_and_new(login, marketer):
    lead = make_lead(first_name="Anna", last_name="Bos", company="Metaal", employees=120)
    client = login(marketer)
    data = _form_data(client, lead, phone="+31 6 1234 5678", company="Van Dijk Metaal")
    response = client.post(_url(lead), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("leads:lead_detail", args=[lead.pk])
    lead.refresh_from_db()
    assert (lead.phone, lead.company) == ("+31 6 1234 5678", "Van Dijk Metaal")
    assert "van dijk metaal" in lead.search_text  # the list's search finds the new name
    event = LeadEvent.objects.get(lead=lead)
    assert (event.kind, event.by) == (LeadEvent.Kind.EDIT, marketer)
    assert event.changes == [
        ["phone", "", "+31 6 1234 5678"],
        ["company", "Metaal", "Van Dijk Metaal"],
    ]
    page = client.get(reverse("leads:lead_detail", args=[lead.pk])).content.decode()
    assert "Data corrected" in page
    assert "<del>Metaal</del> → <ins>Van Dijk Metaal</ins>" in page
    assert "<del>—</del> → <ins>+31 6 1234 5678</ins>" in page


def test_the_timeline_shows_labels_and_figures_in_the_readers_language(login, marketer):
    lead = make_lead(industry="retail", employees=1200, country="BE")
    client = login(marketer)
    client.post(_url(lead), _form_data(client, lead, industry="manufacturing", employees="1500"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = client.get(reverse("leads:lead_detail", args=[lead.pk])).content.decode()
    assert "Gegevens gecorrigeerd" in page
    assert "<del>Detail- en groothandel</del> → <ins>Maakindustrie</ins>" in page
    assert "<del>1.200</del> → <ins>1.500</ins>" in page


def test_an_edit_rescores_the_lead(login, marketer):
    segment = make_segment(by=marketer)
    lead = make_lead(employees=120, country="NL", job_title="Operations director")
    assert lead.fit.score < 70
    client = login(marketer)
    client.post(_url(lead), _form_data(client, lead, industry="manufacturing"))
    lead.refresh_from_db()
    assert (lead.fit.score, lead.fit.segment) == (100, segment)


def test_saving_without_a_change_records_nothing(login, marketer):
    lead = make_lead(company="Metaal")
    client = login(marketer)
    response = client.post(_url(lead), _form_data(client, lead), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not LeadEvent.objects.exists()


def test_invalid_values_are_shown_and_nothing_changes(login, marketer):
    lead = make_lead(company="Metaal")
    before = snapshot()
    client = login(marketer)
    data = _form_data(client, lead, email="not-an-email", employees="-3", company="X\x00")
    response = client.post(_url(lead), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "employees", "company"}
    assert snapshot() == before
    assert not LeadEvent.objects.exists()


def test_a_lead_keeps_its_campaign_when_the_campaign_was_cancelled(login, marketer):
    campaign = make_campaign(owner=marketer)
    lead = make_lead(source_campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CANCELLED)
    client = login(marketer)
    assert client.post(_url(lead), _form_data(client, lead, phone="010 123")).status_code == 302
    lead.refresh_from_db()
    assert (lead.phone, lead.source_campaign) == ("010 123", campaign)


def test_moving_a_lead_to_another_campaign_recounts_both(login, marketer):
    first, second = (
        make_campaign(owner=marketer),
        make_campaign(owner=marketer, code="SECOND", name="Fair"),
    )
    lead = make_lead(source_campaign=first)
    campaigns_before = dict(Campaign.objects.values_list("code", "lead_count"))
    assert campaigns_before == {first.code: 1, "SECOND": 0}
    client = login(marketer)
    client.post(_url(lead), _form_data(client, lead, source_campaign=second.pk))
    assert dict(Campaign.objects.values_list("code", "lead_count")) == {first.code: 0, "SECOND": 1}
    assert LeadEvent.objects.get().changes == [["source_campaign", first.name, second.name]]


# Who may edit ---------------------------------------------------------------------------

NEW_LEAD_EDITORS = {"marketer", "manager", "sales_manager", "admin"}
HANDED_OFF_EDITORS = {"salesperson", "sales_manager"}  # the owner, or a sales manager


@pytest.fixture
def people(db):
    keys = ("marketer", "salesperson", "manager", "sales_manager", "service", "admin")
    return {key: make_person(key) for key in keys}


@pytest.mark.parametrize("persona", ["marketer", "salesperson", "manager", "sales_manager",
                                     "service", "admin"])  # fmt: skip
def test_who_may_edit_a_lead_before_and_after_the_handoff(client, people, persona):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"],
                   salespeople=[people["salesperson"]])  # fmt: skip
    new = ready_lead(by=people["marketer"], email="new@x.nl")
    sold = handed_off(ready_lead(by=people["marketer"], email="sold@x.nl"), by=people["marketer"])
    assert sold.owner == people["salesperson"]
    client.force_login(people[persona].user)
    for lead, editors in ((new, NEW_LEAD_EDITORS), (sold, HANDED_OFF_EDITORS)):
        expected = 200 if persona in editors else 403
        assert client.get(_url(lead)).status_code == expected, (persona, lead.stage)
        shown = f'href="{_url(lead)}"' in client.get(lead.get_absolute_url()).content.decode()
        assert shown == (persona in editors) or persona == "service"


def test_another_salesperson_may_not_edit_a_lead_they_do_not_own(people, login):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"],
                   salespeople=[people["salesperson"]])  # fmt: skip
    lead = handed_off(ready_lead(by=people["marketer"]), by=people["marketer"])
    colleague = make_person("salesperson", username="colleague")
    assert login(colleague).get(_url(lead)).status_code == 403
    assert login(colleague).post(_url(lead), {"email": "x@y.nl"}).status_code == 403
    assert not roles.can_edit_lead(colleague.user, handed_off=True, owner_id=lead.owner_id)


def test_the_service_refuses_marketing_once_sales_has_the_lead(people):
    """A marketer's form opened before the handoff cannot save after it."""
    make_agreement(marketing=people["manager"], sales=people["sales_manager"])
    lead = ready_lead(by=people["marketer"])
    version = intake.version_of(lead)
    handed_off(lead, by=people["marketer"])
    before = snapshot()
    with pytest.raises(intake.EditRefused, match="only its salesperson or a sales manager"):
        intake.edit_lead(lead_id=lead.pk, values={"phone": "1"}, by=people["marketer"],
                         version=version)  # fmt: skip
    assert snapshot() == before


def test_a_rejected_lead_is_marketings_to_correct_again(people, login):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"])
    lead = handed_off(ready_lead(by=people["marketer"]), by=people["marketer"])
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=lead.owner,
                           reason="wrong_contact")  # fmt: skip
    assert login(people["marketer"]).get(_url(lead)).status_code == 200
    assert login(people["salesperson"]).get(_url(lead)).status_code == 403


def test_the_deal_figures_of_an_opportunity_are_not_in_the_form(people, login):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"])
    lead = handed_off(ready_lead(by=people["marketer"]), by=people["marketer"])
    for stage in (Stage.SAL, Stage.SQL):
        lifecycle.change_stage(lead_id=lead.pk, to=stage, by=lead.owner)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.OPPORTUNITY, by=lead.owner,
                           amount=Decimal("1000.00"), close_date=date(2030, 1, 1))  # fmt: skip
    client = login(lead.owner)
    data = _form_data(client, lead, phone="020 555", estimated_value="1")
    assert "estimated_value" not in client.get(_url(lead)).context["form"].fields
    client.post(_url(lead), data)
    lead.refresh_from_db()
    assert (lead.phone, lead.estimated_value) == ("020 555", 1000)  # "Correct the deal" is there


# A blocked handoff leads straight to the missing field ----------------------------------


def test_a_missing_required_field_links_to_its_field_in_the_form(people, login):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"],
                   required_fields=["phone", "company"])  # fmt: skip
    lead = ready_lead(by=people["marketer"], phone="", company="")
    page = login(people["marketer"]).get(lead.get_absolute_url()).content.decode()
    assert "Not ready for handoff" in page
    phone_link = f'href="{_url(lead)}?field=phone"'
    assert phone_link in page and f'href="{_url(lead)}?field=company"' in page
    form = login(people["marketer"]).get(_url(lead) + "?field=phone").content.decode()
    assert 'id="id_phone" autofocus' in form or ("autofocus" in form and 'id="id_phone"' in form)
    # Someone who may not edit reads what is missing without a link.
    page = login(people["salesperson"]).get(lead.get_absolute_url()).content.decode()
    assert phone_link not in page


def test_an_unknown_field_to_focus_is_ignored(login, marketer):
    lead = make_lead()
    response = login(marketer).get(_url(lead) + "?field=<script>")
    assert response.status_code == 200
    assert "autofocus" not in response.content.decode()


def test_after_the_correction_the_lead_can_be_handed_off(people, login):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"],
                   required_fields=["phone"])  # fmt: skip
    lead = ready_lead(by=people["marketer"], phone="")
    client = login(people["marketer"])
    assert "Hand off to sales" not in client.get(lead.get_absolute_url()).content.decode()
    client.post(_url(lead), _form_data(client, lead, phone="+31 6 1234 5678"))
    assert "Hand off to sales" in client.get(lead.get_absolute_url()).content.decode()


# Duplicates -----------------------------------------------------------------------------


def test_an_email_address_another_lead_has_is_warned_about_before_saving(login, marketer):
    other = make_lead(email="anna@metaal.nl", company="Metaal")
    lead = make_lead(email="a.bos@metaal.nl")
    client = login(marketer)
    data = _form_data(client, lead, email="ANNA@metaal.nl")
    response = client.post(_url(lead), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("leads:lead_detail", args=[other.pk]) in body
    assert "the same email address" in body
    lead.refresh_from_db()
    assert lead.email == "a.bos@metaal.nl"
    assert client.post(_url(lead), data | {"confirm_duplicate": "on"}).status_code == 302
    lead.refresh_from_db()
    assert lead.email == "anna@metaal.nl"


def test_the_same_name_at_the_same_company_is_a_possible_duplicate(login, marketer):
    make_lead(first_name="Anna", last_name="Bos", company="Van Dijk Metaal", email="a@x.nl")
    lead = make_lead(first_name="Anna", last_name="Bos", company="Metaal", email="b@y.nl")
    client = login(marketer)
    response = client.post(_url(lead), _form_data(client, lead, company="van dijk metaal"))
    assert response.status_code == 200
    assert "the same name at the same company" in response.content.decode()
    # The new lead form asks the same.
    data = {"first_name": "ANNA", "last_name": "bos", "company": "Van Dijk Metaal",
            "email": "c@z.nl"}  # fmt: skip
    response = client.post(reverse("leads:lead_create"), data)
    assert response.status_code == 200 and Lead.objects.count() == 2


def test_a_lead_is_not_its_own_duplicate_nor_warned_twice(login, marketer):
    make_lead(email="anna@metaal.nl")
    lead = make_lead(email="anna@metaal.nl")  # a known duplicate, confirmed when added
    client = login(marketer)
    response = client.post(_url(lead), _form_data(client, lead, phone="010 1"))
    assert response.status_code == 302  # the phone changed, not who the lead is


def test_the_confirmation_box_is_only_asked_with_a_duplicate(login, marketer):
    lead = make_lead()
    body = login(marketer).get(_url(lead)).content.decode()
    assert 'type="checkbox" name="confirm_duplicate"' not in body


# No lost updates ------------------------------------------------------------------------


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(
    client, marketer, manager, login
):
    lead = make_lead(phone="", company="Metaal")
    first = _form_data(login(marketer), lead)
    second = _form_data(login(manager), lead)

    assert login(marketer).post(_url(lead), first | {"phone": "010 111"}).status_code == 302
    response = login(manager).post(_url(lead), second | {"phone": "020 222", "company": "Metaal"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Mia Tester changed this lead while you were editing it" in body
    assert "The lead now holds" in body and "010 111" in body
    lead.refresh_from_db()
    assert lead.phone == "010 111"
    assert LeadEvent.objects.count() == 1
    # The form kept the manager's value and the new version: saving again is a choice.
    form = response.context["form"]
    assert form["phone"].value() == "020 222"
    again = {**second, "phone": "020 222", "version": form["version"].value()}
    assert login(manager).post(_url(lead), again).status_code == 302
    lead.refresh_from_db()
    assert lead.phone == "020 222"


def test_a_stage_change_meanwhile_also_stops_an_edit(people):
    make_agreement(marketing=people["manager"], sales=people["sales_manager"])
    lead = handed_off(ready_lead(by=people["marketer"]), by=people["marketer"])
    version = intake.version_of(lead)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=lead.owner)
    with pytest.raises(intake.EditConflict, match=lead.owner.name):
        intake.edit_lead(lead_id=lead.pk, values={"phone": "1"}, by=lead.owner, version=version)


# Queries --------------------------------------------------------------------------------


def test_the_edit_page_and_the_lead_page_run_a_constant_number_of_queries(login, marketer):
    lead = make_lead(company="Metaal")
    client = login(marketer)

    def grow():
        for _ in range(5):
            n = Lead.objects.count()
            make_campaign(owner=marketer, code=f"C{n}")
            make_lead(email=f"more{n}@x.nl")
            client.post(_url(lead), _form_data(client, lead, phone=f"010 {n}"))

    assert_same_query_count(lambda: client.get(_url(lead)), grow)
    assert_same_query_count(lambda: client.get(lead.get_absolute_url()), grow)
