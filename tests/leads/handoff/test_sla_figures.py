"""SLA figures for the dashboard, computed by the database."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from leads.handoff import figures as hq
from leads.handoff import services as lifecycle
from leads.models import Stage
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead


def test_compliance_and_median_time_to_accept(marketer, salesperson, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, accept_hours=4, first_contact_hours=8)
    start = timezone.now()
    took = [1, 2, 6]  # hours until accepted; the last one late
    for n, hours in enumerate(took):
        with time_machine.travel(start, tick=False):
            lead = handed_off(ready_lead(by=marketer, email=f"m{n}@x.nl"), by=marketer)
        with time_machine.travel(start + timedelta(hours=hours), tick=False):
            lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
        if n == 0:
            with time_machine.travel(start + timedelta(hours=hours + 1), tick=False):
                lifecycle.log_first_contact(lead_id=lead.pk, by=salesperson, channel="call")
    window = {"since": start - timedelta(days=1), "until": start + timedelta(days=2)}
    with time_machine.travel(start + timedelta(hours=7), tick=False):
        accept = hq.accept_compliance(**window)
        contact = hq.first_contact_compliance(**window)
    assert (accept.on_time, accept.measured) == (2, 3)
    assert round(accept.rate, 2) == 0.67
    # One contact in time; the two others still have time left, so they do not count yet.
    assert (contact.on_time, contact.measured) == (1, 1)
    assert hq.median_time_to_accept(**window) == timedelta(hours=2)


def test_no_figures_without_data(db):
    now = timezone.now()
    assert hq.median_time_to_accept(since=now, until=now) is None
    assert hq.accept_compliance(since=now, until=now).rate is None
