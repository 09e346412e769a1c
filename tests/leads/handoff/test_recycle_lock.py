"""Recycling a rejected lead locks it for the agreement's recycle days: the pages say so
before the click, and the confirmation says until when."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from leads.handoff import services as lifecycle
from leads.models import Stage
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import make_segment
from tests.queries import assert_same_query_count

NOON = timezone.make_aware(timezone.datetime(2026, 3, 2, 12, 0))


@pytest.fixture(autouse=True)
def english(client, salesperson):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"), time_machine.travel(NOON, tick=False):
        yield


def _rejected(by, **values):
    lead = handed_off(ready_lead(by=by, **values), by=by)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=lead.owner,
                           reason="wrong_contact")  # fmt: skip
    return lead


def _day(days: int) -> str:
    return date_format(timezone.localdate() + timedelta(days=days), "DATE_FORMAT")


def test_the_rejected_list_says_how_long_recycling_locks_each_lead(
    login, marketer, manager, sales_manager
):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=90)
    lead = _rejected(marketer)
    other_segment = make_segment(by=marketer, name="Zorg", industries=["healthcare"],
                                 industry_weight=5)  # fmt: skip
    make_agreement(marketing=manager, sales=sales_manager, segment=other_segment, recycle_days=30)
    care = _rejected(marketer, email="zorg@x.nl", industry="healthcare")
    assert care.fit.segment == other_segment

    body = login(marketer).get(reverse("leads:rejected_list")).content.decode()
    assert f"Recycling locks a lead for 90 days: handoff again from {_day(90)}." in body
    assert f"Recycling locks a lead for 30 days: handoff again from {_day(30)}." in body
    assert f'aria-describedby="lock-{lead.pk}"' in body and f'id="lock-{lead.pk}"' in body


def test_one_lock_for_every_lead_is_said_once(login, marketer, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=90)
    _rejected(marketer)
    _rejected(marketer, email="second@x.nl")
    body = login(marketer).get(reverse("leads:rejected_list")).content.decode()
    assert body.count("Recycling locks a lead for 90 days") == 1
    assert body.count('aria-describedby="lock-all"') == 2


def test_the_confirmation_of_a_recycle_says_until_when(login, marketer, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=1)
    lead = _rejected(marketer)
    data = {"to": "recycled", "expected": "rejected", "next": reverse("leads:rejected_list")}
    response = login(marketer).post(reverse("leads:lead_stage", args=[lead.pk]), data, follow=True)
    body = response.content.decode()
    assert "is now Recycled." in body
    assert f"The agreement locks it for 1 day: it may be handed off again from {_day(1)}." in body
    lead.refresh_from_db()
    assert lead.stage == Stage.RECYCLED


def test_the_recycle_step_from_the_lead_page_says_it_before_the_confirmation(
    login, marketer, manager, sales_manager
):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=90)
    lead = _rejected(marketer)
    url = reverse("leads:lead_stage", args=[lead.pk]) + "?to=recycled&expected=rejected"
    body = login(marketer).get(url).content.decode()
    assert "Recycling sends the lead back to marketing's nurturing." in body
    assert f"locks it for 90 days: it may be handed off again from {_day(90)}." in body
    # Other steps say nothing of it.
    url = reverse("leads:lead_stage", args=[lead.pk]) + "?to=disqualified&expected=rejected"
    assert "locks it" not in login(marketer).get(url).content.decode()


def test_the_lock_is_said_in_dutch(client, login, marketer, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=90)
    _rejected(marketer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    body = login(marketer).get(reverse("leads:rejected_list")).content.decode()
    with translation.override("nl"):
        assert "90 dagen" in body and _day(90) in body, body[body.find("lock-") :][:600]


def test_the_rejected_list_stays_at_a_constant_number_of_queries_with_segment_rules(
    login, marketer, manager, sales_manager
):
    make_agreement(marketing=manager, sales=sales_manager)
    _rejected(marketer)
    client = login(marketer)

    def grow():
        for n in range(3):
            segment = make_segment(by=marketer, name=f"S{n}", industries=["healthcare"],
                                   industry_weight=n + 1)  # fmt: skip
            make_agreement(marketing=manager, sales=sales_manager, segment=segment,
                           recycle_days=10 + n)  # fmt: skip
            _rejected(marketer, email=f"r{n}@x.nl", industry="healthcare")

    assert_same_query_count(lambda: client.get(reverse("leads:rejected_list")), grow)
