"""The demo lifecycle: an approved agreement with history, and consistent lead histories
that give the demo salesperson a queue in several states of urgency."""

from django.db.models import Count
from django.utils import timezone

from leads.handoff import queues, sla
from leads.models import HandoffAgreement, Lead, LeadEvent, SlaClock, Stage
from tests.demo.conftest import seed_again


def test_demo_has_an_agreement_histories_and_a_varied_queue(db):
    active = HandoffAgreement.objects.get(status=HandoffAgreement.Status.ACTIVE)
    assert active.approvals.count() == 2
    assert HandoffAgreement.objects.filter(status=HandoffAgreement.Status.SUPERSEDED).exists()

    events = LeadEvent.objects.count()
    assert events > 0
    stages = set(Lead.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert LeadEvent.objects.filter(kind=LeadEvent.Kind.BREACH).exists()
    assert LeadEvent.objects.filter(to_stage=Stage.REJECTED).exclude(reason="").exists()
    # Every handed-off lead in a sales stage has an owner; every waiting one a running clock.
    assert not Lead.objects.filter(stage__in=[Stage.MQL, Stage.SAL], owner=None).exists()
    waiting = Lead.objects.filter(stage=Stage.MQL)
    assert SlaClock.objects.filter(lead__in=waiting, closed_at=None).count() == waiting.count()
    # At most one running clock of a kind per lead (the database would refuse more, too).
    assert not (
        SlaClock.objects.filter(closed_at=None)
        .values("lead", "kind")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )

    verkoper = people_pk("verkoper")
    rows = queues.queue(owners=[verkoper], number=1).items
    rows += queues.queue(owners=[verkoper], number=2).items
    states = {row.status.state for row in rows}
    assert {sla.OVERDUE, sla.ON_TRACK} <= states and len(states) >= 3

    seed_again()  # idempotent
    assert LeadEvent.objects.count() == events
    assert HandoffAgreement.objects.count() == 2


def people_pk(username: str) -> int:
    from alignment.models import Person

    return Person.objects.get(user__username=username).pk


def test_the_first_breach_scan_tells_the_demo_salesperson_of_overdue_leads(db):
    # What bin/serve's worker does at its first start: the demo's overdue leads are left for
    # the scan, which flags them and tells the owner and the sales managers.
    from alignment.models import Notification
    from leads.handoff.breaches import scan_breaches

    overdue = SlaClock.objects.filter(closed_at=None, due_at__lte=timezone.now())
    assert overdue.filter(owner__user__username="verkoper").exists()
    assert scan_breaches() == overdue.count() > 0
    mine = Notification.objects.filter(recipient_id=people_pk("verkoper"))
    assert mine.filter(kind__startswith="sla_breach").exists()
