"""The breach scan: every missed deadline is flagged once and told to the owner and the
sales managers; running it again, by task or command, adds nothing."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alignment.models import Notification
from leads import tasks
from leads.handoff import breaches, figures
from leads.handoff import services as lifecycle
from leads.models import Lead, LeadEvent, SlaClock, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead


def _setup(manager, sales_manager, marketer):
    make_agreement(marketing=manager, sales=sales_manager, accept_hours=2)
    return handed_off(ready_lead(by=marketer), by=marketer)


def test_a_breach_produces_exactly_one_alert_per_person(
    marketer, salesperson, manager, sales_manager, django_capture_on_commit_callbacks
):
    director = make_person("sales_manager", username="director", leads_all_teams=True)
    lead = _setup(manager, sales_manager, marketer)
    assert breaches.scan_breaches() == 0  # still inside its time
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        with django_capture_on_commit_callbacks(execute=True):
            assert breaches.scan_breaches() == 1
        assert breaches.scan_breaches() == 0
        tasks.scan_sla_breaches.delay()
        call_command("scan_breaches", stdout=open("/dev/null", "w"))  # noqa: SIM115
    alerts = Notification.objects.filter(kind="sla_breach_accept")
    assert sorted(a.recipient.pk for a in alerts) == sorted(
        [salesperson.pk, sales_manager.pk, director.pk]
    )
    assert not alerts.filter(recipient__in=[manager, marketer]).exists()
    assert len([m for m in mail.outbox if "Alignment" in m.subject]) == 3
    assert LeadEvent.objects.filter(lead=lead, kind=LeadEvent.Kind.BREACH).count() == 1
    clock = SlaClock.objects.get(lead=lead)
    assert clock.breached_at is not None and clock.closed_at is None


def test_a_late_acceptance_still_counts_as_late_and_the_next_clock_breaches_too(
    marketer, salesperson, manager, sales_manager
):
    lead = _setup(manager, sales_manager, marketer)
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        breaches.scan_breaches()
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert breaches.scan_breaches() == 1
    assert Notification.objects.filter(kind="sla_breach_first_contact").count() == 2
    compliance = figures.accept_compliance(
        since=timezone.now() - timedelta(days=1), until=timezone.now() + timedelta(days=5)
    )
    assert (compliance.on_time, compliance.measured) == (0, 1)


def test_a_met_clock_never_breaches(marketer, salesperson, manager, sales_manager):
    lead = _setup(manager, sales_manager, marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_need")
    with time_machine.travel(timezone.now() + timedelta(days=10)):
        assert breaches.scan_breaches() == 0
    assert not Notification.objects.filter(kind__startswith="sla_breach").exists()


def test_the_scan_is_in_the_beat_schedule():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["scan-sla-breaches"]
    assert entry["task"] == "leads.tasks.scan_sla_breaches"
    assert entry["schedule"] == 300


def test_a_line_break_in_a_leads_name_does_not_stop_the_breach_emails(
    marketer, salesperson, manager, sales_manager, django_capture_on_commit_callbacks
):
    make_agreement(marketing=manager, sales=sales_manager, accept_hours=2)
    broken = handed_off(ready_lead(by=marketer, email="broken@x.nl"), by=marketer)
    fine = handed_off(ready_lead(by=marketer, email="fine@x.nl"), by=marketer)
    # Stored before names were checked (or by another path): a name with line breaks.
    Lead.objects.filter(pk=broken.pk).update(first_name="Jan\r\nBcc: all@example.com")
    later = timezone.now() + timedelta(hours=3)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert breaches.scan_breaches() == 2
    sent = [m for m in mail.outbox if "Alignment" in m.subject]
    assert len(sent) == 4  # owner and sales manager, for both leads
    assert all("\n" not in m.subject and "\r" not in m.subject for m in sent)
    assert any("Jan Bcc: all@example.com" in m.subject for m in sent)
    assert any(str(fine) in m.subject for m in sent)
