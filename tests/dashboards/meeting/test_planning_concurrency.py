"""Two plan the same week's meeting at the same moment (a manager and the Monday run, on
two real database connections): both get the one meeting, with eight sections, and the
attendees get one invitation."""

import threading

import pytest
from django.core import mail
from django.db import connection

from dashboards.meeting import queries, services
from dashboards.models import AgendaItem, Meeting
from tests.conftest import make_person
from tests.dashboards.meeting.helpers import THIS_WEEK

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_planning_at_once_get_the_same_meeting(monkeypatch):
    manager = make_person("manager")
    make_person("salesperson")
    both_checked = threading.Barrier(2, timeout=10)
    real_before = queries.meeting_before

    def meeting_before(week):
        # Both have looked for this week's meeting and found none; now both make it.
        both_checked.wait()
        return real_before(week)

    monkeypatch.setattr(queries, "meeting_before", meeting_before)
    outcome = {}

    def plan(name, by):
        try:
            outcome[name] = services.plan_meeting(week=THIS_WEEK, by=by).pk
        except Exception as error:  # the test fails on anything but a meeting
            outcome[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=plan, args=["manager", manager]),
               threading.Thread(target=plan, args=["weekly run", None])]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    meeting = Meeting.objects.get()
    assert outcome == {"manager": meeting.pk, "weekly run": meeting.pk}
    assert AgendaItem.objects.filter(meeting=meeting).count() == 9
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.com",
                                                    "salesperson@example.com"]  # fmt: skip
