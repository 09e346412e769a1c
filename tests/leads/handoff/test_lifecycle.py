"""The one transition service: every (from, to, person) through the database, the handoff,
acceptance, rejection, first contact and reassignment, with their clocks and events."""

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone, translation

from alignment.models import Notification
from leads.handoff import services as lifecycle
from leads.handoff.transitions import RULES, TransitionRefused
from leads.models import Assignment, Lead, LeadEvent, SlaClock, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

# Who may take each step, by persona (the customer director acts for both teams).
MARKETING = {"marketer", "manager", "director"}
SALES = {"owner", "sales_manager", "director"}


@pytest.fixture
def people(marketer, salesperson, manager, sales_manager):
    return {
        "marketer": marketer,
        "owner": salesperson,
        "other_salesperson": make_person("salesperson", username="other-sales"),
        "manager": manager,
        "sales_manager": sales_manager,
        "director": make_person("sales_manager", username="director", leads_all_teams=True),
        "service": make_person("service"),
        "admin": make_person("admin"),
    }


@pytest.fixture
def agreement(manager, sales_manager):
    return make_agreement(marketing=manager, sales=sales_manager)


# The figures a deal needs on its way to opportunity and won (other steps ignore them).
DEAL = {"amount": Decimal("25000.00"), "close_date": datetime.date(2026, 1, 15)}


def _expected(current: Stage, target: Stage) -> set[str]:
    rule = RULES.get((current, target))
    if rule is None:
        return set()
    return MARKETING if rule.who == {"marketing"} else SALES


def _put(lead: Lead, stage: Stage, owner) -> None:
    """Set up the lead in `stage`, as if it got there earlier (no events, no clocks)."""
    LeadEvent.objects.filter(lead=lead).delete()
    SlaClock.objects.filter(lead=lead).delete()
    Lead.objects.filter(pk=lead.pk).update(stage=stage, owner=owner)


@pytest.mark.parametrize("current", list(Stage))
def test_every_step_from_this_stage_for_every_person(current, people, agreement):
    """Allowed steps succeed and leave one event; the others are refused with a message
    and change nothing."""
    lead = ready_lead(by=people["marketer"])
    for target in Stage:
        for name, person in people.items():
            _put(lead, current, people["owner"])
            allowed = name in _expected(current, target)
            try:
                lifecycle.change_stage(
                    lead_id=lead.pk, to=target, by=person, reason="no_budget", **DEAL
                )
            except TransitionRefused as refusal:
                assert not allowed, f"{current}→{target} by {name} refused: {refusal}"
                assert str(refusal)
                lead.refresh_from_db()
                assert (lead.stage, lead.owner_id) == (current, people["owner"].pk)
                assert not LeadEvent.objects.filter(lead=lead).exists()
            else:
                assert allowed, f"{current}→{target} by {name} was allowed"
                lead.refresh_from_db()
                assert lead.stage == target
                event = LeadEvent.objects.get(lead=lead, kind=LeadEvent.Kind.STAGE)
                assert (event.from_stage, event.to_stage, event.by) == (current, target, person)


def test_handoff_assigns_an_owner_round_robin_and_starts_the_accept_clock(
    marketer, manager, sales_manager
):
    anna = make_person("salesperson", username="anna")
    bert = make_person("salesperson", username="bert")
    make_agreement(marketing=manager, sales=sales_manager, accept_hours=24)
    leads = [ready_lead(by=marketer, email=f"l{n}@x.nl") for n in range(4)]
    with time_machine.travel("2026-03-02 10:00 +00:00", tick=False):
        done, refused = lifecycle.hand_off(lead_ids=[lead.pk for lead in leads], by=marketer)
    assert refused == []
    owners = [lead.owner for lead in done]
    assert owners == [anna, bert, anna, bert]
    clock = SlaClock.objects.get(lead=done[0])
    assert clock.kind == SlaClock.Kind.ACCEPT
    assert clock.due_at - clock.started_at == timedelta(hours=24)
    event = LeadEvent.objects.get(lead=done[0])
    assert (event.to_stage, event.assigned_to, event.by) == (Stage.MQL, anna, marketer)
    # The next handoff continues the rotation where it stopped.
    lead = handed_off(ready_lead(by=marketer, email="next@x.nl"), by=marketer)
    assert lead.owner == anna


def test_handoff_to_the_segment_owner_when_agreed(marketer, manager, sales_manager, salesperson):
    make_person("salesperson", username="someone-else")
    make_agreement(marketing=manager, sales=sales_manager, assignment=Assignment.SEGMENT_OWNER)
    lead = ready_lead(by=marketer)
    lead.fit.segment.owner = salesperson
    lead.fit.segment.save()
    assert handed_off(lead, by=marketer).owner == salesperson


def test_working_hours_deadline_skips_the_weekend(marketer, manager, sales_manager, salesperson):
    make_agreement(marketing=manager, sales=sales_manager, working_hours_only=True, accept_hours=4)
    with time_machine.travel("2026-03-06 15:00 +01:00", tick=False):  # Friday 15:00
        lead = handed_off(ready_lead(by=marketer), by=marketer)
    due = timezone.localtime(SlaClock.objects.get(lead=lead).due_at)
    assert (due.weekday(), due.hour) == (0, 11)  # Monday 11:00


def test_a_lead_below_the_criteria_is_not_handed_off(marketer, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, required_fields=["phone"])
    lead = ready_lead(by=marketer, phone="")
    with translation.override("en"):
        done, refused = lifecycle.hand_off(lead_ids=[lead.pk], by=marketer)
    assert done == []
    assert "phone" in refused[0][1]
    lead.refresh_from_db()
    assert lead.stage == Stage.NEW and lead.owner is None
    assert not SlaClock.objects.exists()


def test_without_an_approved_agreement_nothing_is_handed_off(marketer, manager, salesperson):
    lead = ready_lead(by=marketer)
    with pytest.raises(TransitionRefused, match="agreement"), translation.override("en"):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.MQL, by=marketer)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.NEW


def test_accepting_meets_the_accept_clock_and_starts_first_contact(
    marketer, salesperson, agreement
):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    accept = SlaClock.objects.get(lead=lead, kind=SlaClock.Kind.ACCEPT)
    assert accept.met_at and accept.closed_at and accept.outcome == Stage.SAL
    contact = SlaClock.objects.get(lead=lead, kind=SlaClock.Kind.FIRST_CONTACT)
    assert contact.closed_at is None


def test_salesperson_cannot_accept_someone_elses_lead(marketer, salesperson, agreement):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    assert lead.owner == salesperson
    other = make_person("salesperson", username="other-sales")
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=other)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.MQL


def test_a_stale_form_gets_a_clear_message_and_changes_nothing(marketer, salesperson, agreement):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson, expected=Stage.MQL)
    with translation.override("en"), pytest.raises(lifecycle.Conflict, match="already moved"):
        lifecycle.change_stage(
            lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_need", expected="mql"
        )
    assert LeadEvent.objects.filter(lead=lead).count() == 2


def test_rejection_needs_an_agreed_reason_and_other_needs_a_note(marketer, salesperson, agreement):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="meh")
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="other")
    assert Lead.objects.get(pk=lead.pk).stage == Stage.MQL
    lifecycle.change_stage(
        lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="other", note="Reseller"
    )
    event = LeadEvent.objects.filter(lead=lead).last()
    assert (event.reason, event.note) == ("other", "Reseller")
    # The marketer who handed it off hears of it: the feedback loop.
    assert Notification.objects.filter(recipient=marketer, kind="lead_rejected").count() == 1


def test_recycled_lead_waits_the_agreed_delay_before_another_handoff(
    marketer, salesperson, manager, sales_manager
):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=30)
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_need")
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.RECYCLED, by=marketer)
    assert Lead.objects.get(pk=lead.pk).owner is None
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.MQL, by=marketer)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.MQL, by=marketer)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.MQL


def test_first_contact_meets_its_clock_once(marketer, salesperson, agreement):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    with pytest.raises(TransitionRefused):  # not accepted yet
        lifecycle.log_first_contact(lead_id=lead.pk, by=lead.owner, channel="call")
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=lead.owner)
    lifecycle.log_first_contact(lead_id=lead.pk, by=lead.owner, channel="meeting", note="Demo")
    clock = SlaClock.objects.get(lead=lead, kind=SlaClock.Kind.FIRST_CONTACT)
    assert clock.met_at and clock.outcome == "contact"
    event = LeadEvent.objects.get(lead=lead, kind=LeadEvent.Kind.CONTACT)
    assert (event.detail, event.note) == ("meeting", "Demo")
    with pytest.raises(lifecycle.Conflict):
        lifecycle.log_first_contact(lead_id=lead.pk, by=lead.owner, channel="call")


def test_marketer_cannot_log_contact_or_accept(marketer, salesperson, agreement):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    with pytest.raises(TransitionRefused):
        lifecycle.log_first_contact(lead_id=lead.pk, by=marketer, channel="call")


def test_sales_manager_reassigns_and_it_is_recorded(
    marketer, salesperson, sales_manager, agreement
):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    other = make_person("salesperson", username="other-sales")
    lifecycle.reassign(lead_id=lead.pk, to_id=other.pk, by=sales_manager, note="Holiday")
    lead.refresh_from_db()
    assert lead.owner == other and lead.stage == Stage.MQL
    event = LeadEvent.objects.get(lead=lead, kind=LeadEvent.Kind.REASSIGN)
    assert (event.assigned_to, event.by, event.note) == (other, sales_manager, "Holiday")
    # The clock keeps its deadline and now runs for the new owner (their queue).
    clock = SlaClock.objects.get(lead=lead, closed_at=None)
    assert clock.owner == other


def test_salesperson_and_marketing_manager_cannot_reassign(
    marketer, salesperson, manager, agreement
):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    other = make_person("salesperson", username="other-sales")
    for person in (salesperson, manager):
        with pytest.raises(TransitionRefused):
            lifecycle.reassign(lead_id=lead.pk, to_id=other.pk, by=person)
    assert Lead.objects.get(pk=lead.pk).owner == salesperson


def test_reassign_with_a_stale_owner_is_refused(marketer, salesperson, sales_manager, agreement):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    other = make_person("salesperson", username="other-sales")
    lifecycle.reassign(lead_id=lead.pk, to_id=other.pk, by=sales_manager)
    with pytest.raises(lifecycle.Conflict):
        lifecycle.reassign(
            lead_id=lead.pk, to_id=salesperson.pk, by=sales_manager, expected_owner=salesperson.pk
        )
    assert Lead.objects.get(pk=lead.pk).owner == other


def test_handing_off_a_lead_a_colleague_just_handed_off_says_so(
    marketer, manager, salesperson, agreement
):
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    with translation.override("en"):
        done, refused = lifecycle.hand_off(lead_ids=[lead.pk], by=manager)
    assert done == []
    assert "Mia Tester already moved this lead on" in refused[0][1]
    assert LeadEvent.objects.filter(lead=lead).count() == 1
