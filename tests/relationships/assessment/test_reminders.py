"""Reminding who has not answered a round: by the manager's button and every morning for
rounds about to close, by notification and email, each person at most once a day; the
answer page's "missing answers" message links to each statement without a rating."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from alignment.models import Notification
from relationships import tasks
from relationships.assessment import reminders, services
from relationships.models import Invitation
from tests.queries import assert_same_query_count
from tests.relationships.helpers import answer, form_data, open_round, people, ratings

NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


def _reminded(kind="assessment_reminder") -> list[str]:
    notes = Notification.objects.filter(kind=kind).order_by("recipient__user__username")
    return [note.recipient.user.username for note in notes]


@pytest.fixture
def round_(manager, marketer, salesperson):
    return open_round(manager, [marketer, salesperson, manager])


def test_the_button_reminds_only_who_has_not_answered_by_notification_and_email(
    login, round_, manager, marketer, run_tasks
):
    answer(round_, marketer)
    response = run_tasks(
        lambda: login(manager).post(
            reverse("relationships:assessment_round_remind", args=[round_.pk])
        )
    )
    assert response.status_code == 302
    assert _reminded() == ["manager", "salesperson"]
    note = Notification.objects.filter(kind="assessment_reminder").first()
    assert note.url == reverse("relationships:assessment_answer", args=[round_.pk])
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.com",
        "salesperson@example.com",
    ]
    assert Invitation.objects.filter(reminded_at__isnull=False).count() == 2


def test_a_second_click_the_same_day_reminds_nobody_and_says_so(
    login, round_, manager, time_machine
):
    time_machine.move_to(NOON)
    client = login(manager)
    url = reverse("relationships:assessment_round_remind", args=[round_.pk])
    client.post(url)
    response = client.post(url, follow=True, headers={"Accept-Language": "en"})
    assert len(_reminded()) == 3
    assert "reminded today already" in response.text
    # The next day they may be reminded again.
    time_machine.move_to(NOON + datetime.timedelta(days=1))
    client.post(url)
    assert len(_reminded()) == 6


def test_the_limit_is_per_person_across_rounds_and_the_morning_run(manager, marketer):
    """Two open rounds, a click and the morning run: still one reminder that day."""
    first = open_round(manager, [marketer], title="First", days=2)
    second = open_round(manager, [marketer], title="Second", days=1)
    done = reminders.remind_round(round_id=first.pk, by=manager)
    assert (done.people, done.already) == (1, 0)
    assert reminders.remind_closing_rounds() == 0
    assert reminders.remind_round(round_id=second.pk, by=manager).already == 1
    assert _reminded() == ["marketer"]


def test_the_morning_run_reminds_for_rounds_closing_within_three_days_only(
    manager, marketer, salesperson
):
    open_round(manager, [marketer], title="Closing", days=2)
    open_round(manager, [salesperson], title="Just opened", days=14)
    assert tasks.remind_unanswered_assessments.delay().get() == 1
    assert _reminded() == ["marketer"]
    note = Notification.objects.get(kind="assessment_reminder")
    assert note.params == {"round": "Closing"}


def test_one_reminder_per_person_names_the_round_closing_first(manager, marketer):
    open_round(manager, [marketer], title="Later", days=2)
    open_round(manager, [marketer], title="Sooner", days=0)
    assert reminders.remind_closing_rounds() == 1
    assert Notification.objects.get(kind="assessment_reminder").params == {"round": "Sooner"}
    assert Invitation.objects.filter(reminded_at__isnull=False).count() == 2


def test_the_limit_is_a_calendar_day_in_the_office_time_zone(manager, marketer, time_machine):
    """23:30 and 00:30 the next night are two days: the morning run never skips a day
    because yesterday's ran a moment later."""
    office = timezone.get_current_timezone()
    assert str(office) == settings.TIME_ZONE
    round_ = open_round(manager, [marketer], days=5)
    late = datetime.datetime(2026, 11, 25, 23, 30, tzinfo=office)
    reminders.remind_round(round_id=round_.pk, by=manager, now=late)
    reminders.remind_round(
        round_id=round_.pk, by=manager, now=late + datetime.timedelta(minutes=20)
    )
    assert len(_reminded()) == 1
    reminders.remind_round(round_id=round_.pk, by=manager, now=late + datetime.timedelta(hours=1))
    assert len(_reminded()) == 2


def test_only_managers_remind_and_not_for_a_closed_round(
    login, round_, manager, marketer, salesperson
):
    url = reverse("relationships:assessment_round_remind", args=[round_.pk])
    assert login(marketer).post(url).status_code == 403
    assert login(marketer).get(url).status_code == 405
    with pytest.raises(PermissionDenied):
        reminders.remind_round(round_id=round_.pk, by=salesperson)
    round_.closed_at = timezone.now()
    round_.save()
    with pytest.raises(ValidationError):
        reminders.remind_round(round_id=round_.pk, by=manager)
    response = login(manager).post(url, follow=True)
    assert response.status_code == 200
    assert not _reminded()


def test_inactive_people_are_not_reminded(round_, manager, salesperson):
    salesperson.user.is_active = False
    salesperson.user.save()
    reminders.remind_round(round_id=round_.pk, by=manager)
    assert "salesperson" not in _reminded()


def test_the_round_page_offers_the_button_while_someone_has_not_answered(
    login, round_, manager, marketer, salesperson
):
    url = reverse("relationships:assessment_round", args=[round_.pk])
    remind = reverse("relationships:assessment_round_remind", args=[round_.pk])
    page = login(manager).get(url)
    assert remind in page.text and page.context["remindable"] == 3
    answer(round_, marketer)
    reminders.remind_round(round_id=round_.pk, by=manager)
    page = login(manager).get(url)
    # Both who have not answered were reminded today: no button until tomorrow.
    assert (page.context["waiting"], page.context["reminded_today"]) == (2, 2)
    assert remind not in page.text
    for person in (salesperson, manager):
        answer(round_, person)
    assert login(manager).get(url).context["waiting"] == 0


def test_the_missing_answers_message_links_to_each_unrated_statement(login, round_, marketer):
    statements = list(round_.questionnaire.statements.order_by("position"))
    data = form_data(round_)
    for statement in (statements[1], statements[4]):
        data.pop(f"statement_{statement.pk}")
    response = login(marketer).post(
        reverse("relationships:assessment_answer", args=[round_.pk]), data
    )
    assert response.status_code == 400
    summary = response.text.split('class="missing-answers"')[1].split("</ul>")[0]
    links = [f'href="#id_statement_{s.pk}_0"' for s in (statements[1], statements[4])]
    assert all(link in summary for link in links)
    assert summary.count("<li>") == 2
    # Each link lands on the statement's first option.
    assert f'id="id_statement_{statements[1].pk}_0"' in response.text


def test_the_open_round_page_runs_the_same_queries_with_more_invitees(login, manager, marketer):
    round_ = open_round(manager, [marketer, manager])
    reminders.remind_round(round_id=round_.pk, by=manager)
    client = login(manager)
    url = reverse("relationships:assessment_round", args=[round_.pk])

    def more_invitees():
        extra = people("salesperson", 4, "extra")
        Invitation.objects.bulk_create(
            Invitation(round=round_, person=person, team_id=person.team_id) for person in extra
        )
        services.submit_answers(round_id=round_.pk, person=extra[0], ratings=ratings(round_, 4))
        reminders.remind_round(round_id=round_.pk, by=manager)

    assert_same_query_count(lambda: client.get(url), more_invitees)


def test_the_button_counts_only_whom_a_reminder_would_reach(
    login, round_, manager, marketer, salesperson
):
    """Not who left, not who was reminded today for another round."""
    salesperson.user.is_active = False
    salesperson.user.save()
    other = open_round(manager, [marketer])
    reminders.remind_round(round_id=other.pk, by=manager)
    page = login(manager).get(reverse("relationships:assessment_round", args=[round_.pk]))
    assert page.context["remindable"] == 1  # the manager only
