"""Planning the weekly meeting: once per week, with the nine sections, at the time and
with the people of the week before; the invitation (.ics) goes to each attendee in their
own language once the meeting is stored; the Monday run plans this week's."""

import datetime
from datetime import UTC
from decimal import Decimal

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from alignment.models import Person
from dashboards import tasks
from dashboards.meeting import agenda, services
from dashboards.models import Meeting, Section
from tests.conftest import make_person
from tests.dashboards.meeting.helpers import EN, THIS_WEEK, at

SECTIONS = [Section.KPIS, Section.FUNNEL, Section.REJECTIONS, Section.DEALS, Section.CAMPAIGNS,
            Section.UPDATES, Section.NOTES, Section.ACCOUNTS, Section.ACTIONS]  # fmt: skip


def _sections(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.items.order_by("position").values_list("position", "section"))


def test_planning_makes_the_nine_sections_in_order_once_per_week(manager):
    meeting = services.plan_meeting(week=THIS_WEEK + datetime.timedelta(days=3), by=manager)
    again = services.plan_meeting(week=THIS_WEEK, by=manager)
    assert again.pk == meeting.pk and meeting.week == THIS_WEEK  # any day means its Monday
    assert _sections(meeting) == list(enumerate(SECTIONS))
    assert list(agenda.BUILDERS) == SECTIONS
    assert Meeting.objects.count() == 1


def test_a_first_meeting_is_on_tuesday_at_half_past_nine_with_both_teams(
    manager, sales_manager, marketer, salesperson, service_agent
):
    gone = make_person("salesperson", username="gone")
    gone.user.is_active = False
    gone.user.save()
    meeting = services.plan_meeting(week=THIS_WEEK, by=None, invite=False)
    assert meeting.starts_at == at(datetime.date(2026, 3, 10), 9, 30)
    assert meeting.facilitator == manager  # the marketing manager
    assert meeting.deal_threshold == Decimal(25_000)
    assert set(meeting.attendees.all()) == {manager, sales_manager, marketer, salesperson}


def test_a_meeting_copies_time_facilitator_attendees_and_threshold_of_the_week_before(
    manager, sales_manager, marketer, salesperson
):
    before = services.plan_meeting(week=THIS_WEEK - datetime.timedelta(weeks=1), by=manager,
                                   invite=False)  # fmt: skip
    left = make_person("salesperson", username="left")
    services.update_meeting(meeting_id=before.pk, by=manager, values={
        "starts_at": at(datetime.date(2026, 3, 5), 14, 15), "minutes_long": 45,
        "facilitator": marketer, "deal_threshold": Decimal(50_000),
        "attendees": [salesperson, left],
    })  # fmt: skip
    left.user.is_active = False
    left.user.save()
    meeting = services.plan_meeting(week=THIS_WEEK, by=sales_manager, invite=False)
    assert meeting.starts_at == at(datetime.date(2026, 3, 12), 14, 15)  # Thursday again
    assert meeting.facilitator == marketer
    assert meeting.deal_threshold == Decimal(50_000)
    assert set(meeting.attendees.all()) == {marketer, salesperson}  # without who left


@pytest.mark.parametrize("by", ["sales_manager", None], ids=["a manager", "the Monday run"])
def test_a_facilitator_who_left_is_not_copied(manager, sales_manager, marketer, by):
    before = services.plan_meeting(week=THIS_WEEK - datetime.timedelta(weeks=1), by=manager,
                                   invite=False)  # fmt: skip
    Meeting.objects.filter(pk=before.pk).update(facilitator=marketer)
    marketer.user.is_active = False
    marketer.user.save()
    planner = sales_manager if by else None
    meeting = services.plan_meeting(week=THIS_WEEK, by=planner, invite=False)
    assert meeting.facilitator == (sales_manager if by else manager)
    assert marketer not in meeting.attendees.all()


@pytest.mark.parametrize(
    ("week_before", "utc_before", "utc_after"),
    [
        # Summer time starts on 29 March 2026: 09:30 is 08:30 UTC, then 07:30 UTC.
        (datetime.date(2026, 3, 23), "08:30", "07:30"),
        # And ends on 25 October 2026.
        (datetime.date(2026, 10, 19), "07:30", "08:30"),
    ],
)
def test_the_meeting_stays_at_the_same_local_time_across_a_clock_change(
    manager, week_before, utc_before, utc_after
):
    before = services.plan_meeting(week=week_before, by=manager, invite=False)
    meeting = services.plan_meeting(week=week_before + datetime.timedelta(weeks=1), by=manager,
                                    invite=False)  # fmt: skip
    assert before.starts_at.astimezone(UTC).strftime("%H:%M") == utc_before
    assert meeting.starts_at.astimezone(UTC).strftime("%H:%M") == utc_after
    assert meeting.starts_at == at(week_before + datetime.timedelta(days=8), 9, 30)


def test_only_a_manager_plans(marketer):
    with pytest.raises(PermissionDenied):
        services.plan_meeting(week=THIS_WEEK, by=marketer)
    assert not Meeting.objects.exists()


# The invitation ------------------------------------------------------------------------


def unfold(ics: str) -> list[str]:
    assert "\n" not in ics.replace("\r\n", ""), "lines end in CRLF"
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n")), "folded at 75 octets"
    return ics.replace("\r\n ", "").split("\r\n")


def check_invitation(ics: str, meeting: Meeting) -> dict[str, list[str]]:
    """A valid iCalendar request for the meeting; its properties by name."""
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2:] == ["END:VCALENDAR", ""]
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    props: dict[str, list[str]] = {}
    for line in lines[1:-2]:
        name = line.split(":", 1)[0].split(";", 1)[0]
        props.setdefault(name, []).append(line)
    start = meeting.starts_at.astimezone(UTC)
    end = start + datetime.timedelta(minutes=meeting.minutes_long)
    assert props["METHOD"] == ["METHOD:REQUEST"]
    assert props["VERSION"] == ["VERSION:2.0"] and "PRODID" in props
    assert props["DTSTART"] == [f"DTSTART:{start:%Y%m%dT%H%M%SZ}"]
    assert props["DTEND"] == [f"DTEND:{end:%Y%m%dT%H%M%SZ}"]
    assert props["UID"] == [f"UID:meeting-{meeting.pk}@alignment"]
    assert props["SEQUENCE"] == [f"SEQUENCE:{meeting.sequence}"]
    assert props["DTSTAMP"][0].endswith("Z")
    facilitator = meeting.facilitator
    assert props["ORGANIZER"] == [
        f'ORGANIZER;CN="{facilitator.name}":mailto:{facilitator.user.email}'
    ]
    addresses = sorted(line.rsplit("mailto:", 1)[1] for line in props["ATTENDEE"])
    assert addresses == sorted(p.user.email for p in meeting.attendees.all())
    assert all("ROLE=REQ-PARTICIPANT" in line for line in props["ATTENDEE"])
    assert props["URL"] == [f"URL:{settings.SITE_URL}{meeting.get_absolute_url()}"]
    return props


def test_the_invitation_goes_to_each_attendee_in_their_language_after_the_commit(
    manager, sales_manager, salesperson, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=salesperson.pk).update(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting = services.plan_meeting(week=THIS_WEEK, by=manager)
    assert mail.outbox == []  # nothing is sent before the meeting is stored
    for callback in callbacks:
        callback()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted(
        ["manager@example.com", "sales_manager@example.com", "salesperson@example.com"]
    )
    english, dutch = by_address["salesperson@example.com"], by_address["manager@example.com"]
    assert english.subject.startswith("Invitation: weekly meeting of marketing and sales")
    assert "10 Mar 2026, 09:30" in english.subject
    assert "You are invited" in english.body
    assert dutch.subject.startswith("Uitnodiging: weekoverleg van marketing en sales")
    assert "10 mrt 2026" in dutch.subject
    for message in mail.outbox:
        [(name, ics, mimetype)] = message.attachments
        assert (name, mimetype) == ("meeting.ics", "text/calendar; method=REQUEST")
        check_invitation(ics, meeting)
        assert 'method="REQUEST"' in message.message().as_string()
    summary = check_invitation(english.attachments[0][1], meeting)["SUMMARY"]
    assert summary == ["SUMMARY:Weekly meeting of marketing and sales"]
    summary = check_invitation(dutch.attachments[0][1], meeting)["SUMMARY"]
    assert summary == ["SUMMARY:Weekoverleg van marketing en sales"]
    assert Meeting.objects.get(pk=meeting.pk).invited_at is not None


def test_a_meeting_planned_already_sends_no_second_invitation(manager, run_tasks):
    run_tasks(lambda: services.plan_meeting(week=THIS_WEEK, by=manager))
    sent = len(mail.outbox)
    run_tasks(lambda: services.plan_meeting(week=THIS_WEEK, by=manager))
    assert sent == 1 and len(mail.outbox) == sent


def _change(meeting: Meeting, by: Person, **values) -> Meeting:
    current = {
        "starts_at": meeting.starts_at, "minutes_long": meeting.minutes_long,
        "facilitator": meeting.facilitator, "deal_threshold": meeting.deal_threshold,
        "attendees": list(meeting.attendees.all()),
    }  # fmt: skip
    services.update_meeting(meeting_id=meeting.pk, by=by, values=current | values)
    return Meeting.objects.get(pk=meeting.pk)


def test_a_new_time_sends_everyone_the_updated_invitation(manager, salesperson, run_tasks):
    Person.objects.filter(pk=salesperson.pk).update(language="en")
    meeting = run_tasks(lambda: services.plan_meeting(week=THIS_WEEK, by=manager))
    mail.outbox.clear()
    later = at(datetime.date(2026, 3, 12), 14, 0)
    moved = run_tasks(lambda: _change(meeting, manager, starts_at=later))
    assert moved.sequence == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["manager@example.com", "salesperson@example.com"]
    english = by_address["salesperson@example.com"]
    assert english.subject == "Changed: weekly meeting of marketing and sales, 12 Mar 2026, 14:00"
    assert "has changed: it is now on 12 Mar 2026, 14:00" in english.body
    assert by_address["manager@example.com"].subject.startswith("Gewijzigd: weekoverleg")
    for message in mail.outbox:
        props = check_invitation(message.attachments[0][1], moved)  # SEQUENCE:1, new times
        assert props["DTSTART"] == [f"DTSTART:{later.astimezone(UTC):%Y%m%dT%H%M%SZ}"]


def test_a_new_attendee_gets_the_invitation_and_a_new_threshold_sends_nothing(
    manager, salesperson, run_tasks
):
    meeting = run_tasks(lambda: services.plan_meeting(week=THIS_WEEK, by=manager))
    mail.outbox.clear()
    same = run_tasks(lambda: _change(meeting, manager, deal_threshold=Decimal(80_000)))
    assert (same.sequence, mail.outbox) == (0, [])
    newcomer = make_person("marketer", username="newcomer")
    more = run_tasks(lambda: _change(meeting, manager, attendees=[salesperson, newcomer]))
    assert more.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.com", "newcomer@example.com", "salesperson@example.com",
    ]  # fmt: skip


def test_who_is_taken_off_the_list_gets_the_calendars_cancellation(manager, salesperson, run_tasks):
    Person.objects.filter(pk=salesperson.pk).update(language="en")
    meeting = run_tasks(lambda: services.plan_meeting(week=THIS_WEEK, by=manager))
    mail.outbox.clear()
    fewer = run_tasks(lambda: _change(meeting, manager, attendees=[]))  # the facilitator stays
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["manager@example.com", "salesperson@example.com"]
    cancelled = by_address["salesperson@example.com"]
    assert cancelled.subject == (
        "No longer invited: weekly meeting of marketing and sales, 10 Mar 2026, 09:30"
    )
    [(name, ics, mimetype)] = cancelled.attachments
    assert (name, mimetype) == ("meeting.ics", "text/calendar; method=CANCEL")
    lines = unfold(ics)
    assert {"METHOD:CANCEL", "STATUS:CANCELLED", f"SEQUENCE:{fewer.sequence}"} <= set(lines)
    assert f"UID:meeting-{meeting.pk}@alignment" in lines
    assert [line.rsplit("mailto:", 1)[1] for line in lines if line.startswith("ATTENDEE")] == [
        "salesperson@example.com"
    ]
    check_invitation(by_address["manager@example.com"].attachments[0][1], fewer)


def test_a_meeting_not_invited_yet_sends_nothing_when_it_changes(manager, run_tasks):
    meeting = services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
    changed = run_tasks(lambda: _change(meeting, manager, minutes_long=30))
    assert (changed.sequence, mail.outbox) == (0, [])


def test_one_failing_address_does_not_stop_the_other_invitations(
    manager, salesperson, run_tasks, monkeypatch
):
    real_send = EmailBackend.send_messages

    def refuse_the_salesperson(self, messages):
        if any("salesperson@example.com" in m.to for m in messages):
            raise OSError("mailbox unavailable")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_salesperson)
    run_tasks(lambda: services.plan_meeting(week=THIS_WEEK, by=manager))
    assert [message.to for message in mail.outbox] == [["manager@example.com"]]


def test_the_ics_download(manager, marketer, login):
    meeting = services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
    response = login(marketer).get(reverse("dashboards:meeting_ics", args=[meeting.pk]),
                                   headers=EN)  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert response["Content-Disposition"] == 'attachment; filename="meeting-2026-03-09.ics"'
    check_invitation(response.content.decode(), meeting)


# The Monday run and the plan button ------------------------------------------------------


def test_the_weekly_task_plans_this_weeks_meeting_once(manager, salesperson, run_tasks):
    schedule = settings.CELERY_BEAT_SCHEDULE["plan-weekly-meeting"]
    assert schedule["task"] == "dashboards.tasks.plan_weekly_meeting"
    assert schedule["schedule"] == crontab(hour=7, minute=0, day_of_week=1)
    pk = run_tasks(lambda: tasks.plan_weekly_meeting.delay().get())
    meeting = Meeting.objects.get(pk=pk)
    assert meeting.week == THIS_WEEK and meeting.created_by is None
    assert meeting.facilitator == manager
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.com", "salesperson@example.com",
    ]  # fmt: skip
    assert run_tasks(lambda: tasks.plan_weekly_meeting.delay().get()) == pk
    assert len(mail.outbox) == 2


def test_a_manager_plans_this_weeks_meeting_with_the_button(sales_manager, login, run_tasks):
    client = login(sales_manager)
    response = run_tasks(lambda: client.post(reverse("dashboards:meeting_plan"), headers=EN))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.week == THIS_WEEK and meeting.created_by == sales_manager


def test_a_week_that_is_not_a_date_plans_nothing(sales_manager, login):
    client = login(sales_manager)
    response = client.post(reverse("dashboards:meeting_plan"), {"week": "next tuesday"},
                           headers=EN)  # fmt: skip
    assert response.status_code == 302 and response.url == reverse("dashboards:meeting_list")
    assert not Meeting.objects.exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Enter a valid date."]
