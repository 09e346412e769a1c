"""Opening, answering and closing rounds, and every rule around them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from relationships.assessment import services
from relationships.models import Answer, Invitation, Round
from tests.relationships.helpers import (
    answer,
    answered_round,
    form_data,
    open_round,
    people,
    ratings,
)


def _round_post(**overrides) -> dict:
    return {
        "title": "Autumn check",
        "open_until": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        **overrides,
    }


def test_new_round_form_invites_marketing_and_sales_by_default(
    login, manager, marketer, salesperson, service_agent
):
    response = login(manager).get(reverse("relationships:assessment_round_new"))
    assert response.status_code == 200
    invitees = {p.pk for p in response.context["form"].initial["invitees"]}
    assert invitees == {manager.pk, marketer.pk, salesperson.pk}
    assert 'type="checkbox"' in response.text


def test_manager_opens_a_round_for_the_chosen_people(login, manager, marketer, salesperson):
    response = login(manager).post(
        reverse("relationships:assessment_round_new"),
        _round_post(invitees=[marketer.pk, salesperson.pk]),
    )
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("relationships:assessment_round", args=[round_.pk])
    assert round_.title == "Autumn check"
    assert round_.questionnaire.version == 1
    assert set(round_.invitations.values_list("person", "team__code")) == {
        (marketer.pk, "marketing"),
        (salesperson.pk, "sales"),
    }


@pytest.mark.parametrize("persona", ["marketer", "salesperson", "service_agent", "admin_person"])
def test_only_managers_open_rounds(request, login, persona, marketer):
    person = request.getfixturevalue(persona)
    response = login(person).post(
        reverse("relationships:assessment_round_new"), _round_post(invitees=[marketer.pk])
    )
    assert response.status_code == 403
    assert not Round.objects.exists()


def test_a_round_cannot_end_in_the_past(login, manager, marketer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = login(manager).post(
        reverse("relationships:assessment_round_new"),
        _round_post(open_until=yesterday.isoformat(), invitees=[marketer.pk]),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "cannot be in the past" in response.text
    assert not Round.objects.exists()


def test_a_round_needs_invitees_and_refuses_the_service_team(login, manager, service_agent):
    client = login(manager)
    response = client.post(reverse("relationships:assessment_round_new"), _round_post())
    assert "Invite at least one person" in response.text or "Nodig minstens" in response.text
    response = client.post(
        reverse("relationships:assessment_round_new"), _round_post(invitees=[service_agent.pk])
    )
    assert response.status_code == 200
    assert not Round.objects.exists()
    with pytest.raises(ValidationError):
        open_round(manager, [service_agent])


def test_invitee_sees_the_open_round_on_the_home_page(login, manager, marketer, salesperson):
    round_ = open_round(manager, [marketer])
    home = login(marketer).get(reverse("dashboards:home"))
    assert round_.title in home.text
    assert reverse("relationships:assessment_answer", args=[round_.pk]) in home.text
    assert round_.title not in login(salesperson).get(reverse("dashboards:home")).text


def test_home_no_longer_shows_a_closed_round(login, manager, marketer):
    round_ = answered_round(manager, marketer)
    services.close_round(round_id=round_.pk, by=manager)
    assert round_.title not in login(marketer).get(reverse("dashboards:home")).text


def test_answer_page_groups_statements_in_labelled_radio_fieldsets(login, manager, marketer):
    round_ = open_round(manager, [marketer])
    response = login(marketer).get(reverse("relationships:assessment_answer", args=[round_.pk]))
    assert response.status_code == 200
    assert response.text.count("<fieldset") == 20
    assert response.text.count("<legend>") == 20
    assert response.text.count('type="radio"') == 100


def test_invitee_answers_and_the_round_counts_them_once(login, manager, marketer):
    round_ = open_round(manager, [marketer])
    client = login(marketer)
    response = client.post(
        reverse("relationships:assessment_answer", args=[round_.pk]), form_data(round_, 4)
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(round=round_, person=marketer)
    assert invitation.answered_at is not None
    assert set(invitation.answers.values_list("rating", flat=True)) == {4}

    client.post(reverse("relationships:assessment_answer", args=[round_.pk]), form_data(round_, 2))
    assert invitation.answers.count() == 20
    assert set(invitation.answers.values_list("rating", flat=True)) == {2}


def test_changing_answers_shows_the_earlier_ones(login, manager, marketer):
    round_ = open_round(manager, [marketer])
    answer(round_, marketer, 5)
    response = login(marketer).get(reverse("relationships:assessment_answer", args=[round_.pk]))
    form = response.context["form"]
    assert set(form.initial.values()) == {5}
    assert response.text.count("checked") == 20


def test_someone_not_invited_cannot_answer(login, manager, marketer, salesperson):
    round_ = open_round(manager, [marketer])
    client = login(salesperson)
    assert (
        client.get(reverse("relationships:assessment_answer", args=[round_.pk])).status_code == 403
    )
    response = client.post(
        reverse("relationships:assessment_answer", args=[round_.pk]), form_data(round_)
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()
    with pytest.raises(PermissionDenied):
        answer(round_, salesperson)


def test_a_closed_round_takes_no_answers_or_changes(login, manager, marketer):
    round_ = answered_round(manager, marketer)
    services.close_round(round_id=round_.pk, by=manager)
    client = login(marketer)
    page = client.get(reverse("relationships:assessment_answer", args=[round_.pk]))
    assert page.status_code == 200
    assert (
        '<form method="post" action="'
        + reverse("relationships:assessment_answer", args=[round_.pk])
        not in page.text
    )
    response = client.post(
        reverse("relationships:assessment_answer", args=[round_.pk]), form_data(round_, 5)
    )
    assert response.status_code == 400
    assert set(Answer.objects.values_list("rating", flat=True)) == {3}


def test_a_round_past_its_last_day_is_closed(manager, marketer, time_machine):
    round_ = open_round(manager, [marketer], days=2)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=4))
    with pytest.raises(ValidationError):
        answer(round_, marketer)
    assert Round.objects.closed().filter(pk=round_.pk).exists()


def test_missing_answers_are_marked_and_nothing_is_saved(login, manager, marketer):
    round_ = open_round(manager, [marketer])
    data = form_data(round_)
    data.pop(next(iter(data)))
    response = login(marketer).post(
        reverse("relationships:assessment_answer", args=[round_.pk]),
        data,
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "Choose how much you agree with this statement." in response.text
    assert not Answer.objects.exists()
    assert not Invitation.objects.filter(answered_at__isnull=False).exists()


@pytest.mark.parametrize("bad", ["0", "6", "three", "4.5"])
def test_an_out_of_range_rating_is_refused(login, manager, marketer, bad):
    round_ = open_round(manager, [marketer])
    data = form_data(round_)
    data[next(iter(data))] = bad
    response = login(marketer).post(
        reverse("relationships:assessment_answer", args=[round_.pk]),
        data,
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "Choose one of the five options" in response.text
    assert not Answer.objects.exists()


def test_forged_statement_ids_are_ignored_by_the_form_and_refused_by_the_service(
    login, manager, marketer
):
    round_ = open_round(manager, [marketer])
    data = form_data(round_) | {"statement_999999": "5"}
    login(marketer).post(reverse("relationships:assessment_answer", args=[round_.pk]), data)
    assert not Answer.objects.filter(statement_id=999999).exists()
    forged = ratings(round_, 3) | {999999: 5}
    with pytest.raises(ValidationError):
        services.submit_answers(round_id=round_.pk, person=marketer, ratings=forged)
    with pytest.raises(ValidationError):
        services.submit_answers(round_id=round_.pk, person=marketer, ratings=ratings(round_, 9))


def test_close_asks_for_confirmation_first(login, manager, marketer):
    round_ = answered_round(manager, marketer)
    client = login(manager)
    page = client.get(reverse("relationships:assessment_round_close", args=[round_.pk]))
    assert page.status_code == 200
    assert "cannot be undone" in page.text or "niet ongedaan" in page.text
    round_.refresh_from_db()
    assert round_.closed_at is None
    response = client.post(reverse("relationships:assessment_round_close", args=[round_.pk]))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.closed_at is not None
    assert round_.closed_by == manager


@pytest.mark.parametrize("persona", ["marketer", "salesperson", "admin_person"])
def test_only_managers_close_rounds_or_see_them(request, login, manager, marketer, persona):
    round_ = open_round(manager, [marketer])
    client = login(request.getfixturevalue(persona))
    assert (
        client.post(reverse("relationships:assessment_round_close", args=[round_.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("relationships:assessment_round", args=[round_.pk])).status_code == 403
    )
    round_.refresh_from_db()
    assert round_.closed_at is None


def test_closing_twice_is_a_message_not_an_error(login, manager, marketer):
    round_ = answered_round(manager, marketer)
    client = login(manager)
    client.post(reverse("relationships:assessment_round_close", args=[round_.pk]))
    response = client.post(
        reverse("relationships:assessment_round_close", args=[round_.pk]), follow=True
    )
    assert response.status_code == 200
    assert "already closed" in response.text or "al gesloten" in response.text


def test_progress_counts_answers_per_team_while_open(
    login, manager, sales_manager, marketer, salesperson
):
    round_ = open_round(manager, [manager, marketer, salesperson, sales_manager])
    answer(round_, marketer)
    response = login(sales_manager).get(reverse("relationships:assessment_round", args=[round_.pk]))
    progress = {p.team: (p.answered, p.invited) for p in response.context["progress"]}
    assert progress == {"marketing": (1, 2), "sales": (0, 2)}
    assert response.context["result"].score is None
    assert reverse("relationships:assessment_round_close", args=[round_.pk]) in response.text


def test_assessment_index_lists_own_rounds_for_invitees(login, manager, marketer, salesperson):
    mine = open_round(manager, [marketer], title="Mine")
    open_round(manager, [salesperson], title="Theirs")
    response = login(marketer).get(reverse("relationships:assessment"))
    assert "Mine" in response.text
    assert "Theirs" not in response.text
    assert reverse("relationships:assessment_answer", args=[mine.pk]) in response.text
    assert (
        f'href="{reverse("relationships:assessment_round", args=[mine.pk])}"' not in response.text
    )


def test_assessment_index_empty_states(login, manager, marketer):
    assert (
        reverse("relationships:assessment_round_new")
        in login(manager).get(reverse("relationships:assessment")).text
    )
    text = login(marketer).get(reverse("relationships:assessment")).text
    assert reverse("relationships:assessment_round_new") not in text


def test_a_round_cannot_be_closed_with_fewer_than_three_answers(login, manager):
    marketers = people("marketer", 2, "m")
    round_ = open_round(manager, marketers)
    for person in marketers:
        answer(round_, person, 4)
    with pytest.raises(ValidationError):
        services.close_round(round_id=round_.pk, by=manager)
    response = login(manager).post(
        reverse("relationships:assessment_round_close", args=[round_.pk]), follow=True
    )
    assert "At least 3 people" in response.text or "Minstens 3" in response.text
    round_.refresh_from_db()
    assert round_.closed_at is None


def test_a_round_past_its_last_day_cannot_be_closed_again(manager, marketer):
    round_ = open_round(manager, [marketer], days=3)
    later = timezone.now() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError, match="already closed"), translation.override("en"):
        services.close_round(round_id=round_.pk, by=manager, now=later)
    assert Round.objects.get(pk=round_.pk).closed_at is None


def test_a_round_can_be_closed_on_its_last_day(manager, marketer):
    round_ = answered_round(manager, marketer, days=3)
    last_day = timezone.now() + datetime.timedelta(days=3)
    closed = services.close_round(round_id=round_.pk, by=manager, now=last_day)
    assert closed.closed_at == last_day
