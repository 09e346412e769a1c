"""Deal values: asked for on the way to opportunity and won, recorded with the stage event,
kept on the lead, corrected by an event of its own; revenue means one thing everywhere."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from leads.campaigns.deals import pipeline_value, won_revenue
from leads.handoff import services as lifecycle
from leads.handoff.transitions import TransitionRefused
from leads.models import Lead, LeadEvent, Stage
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def opportunity(manager, sales_manager, marketer, salesperson):
    make_agreement(marketing=manager, sales=sales_manager)
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SAL, by=salesperson)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.SQL, by=salesperson)
    lifecycle.change_stage(
        lead_id=lead.pk,
        to=Stage.OPPORTUNITY,
        by=salesperson,
        amount=Decimal("40000.00"),
        close_date=NEXT_MONTH,
    )
    return Lead.objects.get(pk=lead.pk)


def test_an_opportunity_needs_its_expected_value_and_close_date(
    manager, sales_manager, marketer, salesperson
):
    make_agreement(marketing=manager, sales=sales_manager)
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    for stage in (Stage.SAL, Stage.SQL):
        lifecycle.change_stage(lead_id=lead.pk, to=stage, by=salesperson)
    with pytest.raises(TransitionRefused), translation.override("en"):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.OPPORTUNITY, by=salesperson)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.SQL


def test_the_opportunity_records_its_figures_with_the_stage_event(opportunity):
    assert (opportunity.estimated_value, opportunity.close_date) == (Decimal(40000), NEXT_MONTH)
    event = LeadEvent.objects.get(lead=opportunity, to_stage=Stage.OPPORTUNITY)
    assert (event.amount, event.close_date) == (Decimal(40000), NEXT_MONTH)


def test_winning_asks_the_amount_and_closes_today_by_default(opportunity, salesperson):
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=opportunity.pk, to=Stage.WON, by=salesperson)
    lifecycle.change_stage(
        lead_id=opportunity.pk, to=Stage.WON, by=salesperson, amount=Decimal("38500.00")
    )
    lead = Lead.objects.get(pk=opportunity.pk)
    today = timezone.localdate()
    assert (lead.stage, lead.won_amount, lead.close_date) == (Stage.WON, Decimal(38500), today)
    assert LeadEvent.objects.get(lead=lead, to_stage=Stage.WON).amount == Decimal(38500)
    assert won_revenue(Lead.objects.all(), today, today) == Decimal(38500)
    assert pipeline_value(Lead.objects.all()) == Decimal(0)


def test_a_deal_won_just_after_midnight_closes_on_the_offices_date(opportunity, salesperson):
    # 23:30 UTC on 30 November is 00:30 on 1 December in Amsterdam.
    just_after_midnight = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(just_after_midnight, tick=False):
        lifecycle.change_stage(
            lead_id=opportunity.pk, to=Stage.WON, by=salesperson, amount=Decimal("38500.00")
        )
    assert Lead.objects.get(pk=opportunity.pk).close_date == datetime.date(2026, 12, 1)


def test_a_deal_is_not_won_in_the_future(opportunity, salesperson):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(
            lead_id=opportunity.pk,
            to=Stage.WON,
            by=salesperson,
            amount=Decimal(1),
            close_date=tomorrow,
        )


def test_lost_keeps_the_last_expected_value(opportunity, salesperson):
    lifecycle.change_stage(lead_id=opportunity.pk, to=Stage.LOST, by=salesperson, reason="Price")
    lead = Lead.objects.get(pk=opportunity.pk)
    assert (lead.estimated_value, lead.close_date) == (Decimal(40000), timezone.localdate())
    assert LeadEvent.objects.get(lead=lead, to_stage=Stage.LOST).amount == Decimal(40000)


def test_pipeline_value_counts_open_deals(opportunity):
    assert pipeline_value(Lead.objects.all()) == Decimal(40000)


def test_a_correction_is_an_event_and_keeps_the_history(opportunity, salesperson):
    later = NEXT_MONTH + datetime.timedelta(days=14)
    lifecycle.correct_deal(
        lead_id=opportunity.pk, by=salesperson, amount=Decimal("52000"), close_date=later
    )
    lead = Lead.objects.get(pk=opportunity.pk)
    assert (lead.estimated_value, lead.close_date) == (Decimal(52000), later)
    first = LeadEvent.objects.get(lead=lead, to_stage=Stage.OPPORTUNITY)
    correction = LeadEvent.objects.get(lead=lead, kind=LeadEvent.Kind.VALUE)
    assert first.amount == Decimal(40000)  # what was recorded before stays
    assert (correction.amount, correction.close_date, correction.to_stage) == (
        Decimal(52000),
        later,
        "",
    )


def test_only_sales_corrects_a_deal_and_nothing_changes_otherwise(opportunity, marketer):
    with pytest.raises(TransitionRefused):
        lifecycle.correct_deal(
            lead_id=opportunity.pk, by=marketer, amount=Decimal(1), close_date=NEXT_MONTH
        )
    assert Lead.objects.get(pk=opportunity.pk).estimated_value == Decimal(40000)
    assert not LeadEvent.objects.filter(kind=LeadEvent.Kind.VALUE).exists()


def test_won_through_the_lead_page_with_an_amount(login, opportunity, salesperson):
    client = login(salesperson)
    url = reverse("leads:lead_stage", args=[opportunity.pk])
    form = client.get(url, {"to": "won", "expected": "opportunity"})
    assert 'name="amount"' in form.text and 'value="40000.00"' in form.text
    bad = client.post(url, {"to": "won", "expected": "opportunity", "amount": "-5"})
    assert bad.status_code == 200
    assert Lead.objects.get(pk=opportunity.pk).stage == Stage.OPPORTUNITY
    client.post(url, {"to": "won", "expected": "opportunity", "amount": "41000.50"})
    assert Lead.objects.get(pk=opportunity.pk).won_amount == Decimal("41000.50")


def test_the_deal_page_corrects_the_figures(login, opportunity, salesperson):
    url = reverse("leads:lead_deal", args=[opportunity.pk])
    response = login(salesperson).post(
        url, {"amount": "45000", "close_date": NEXT_MONTH.isoformat(), "note": "Bigger scope"}
    )
    assert response.status_code == 302
    assert Lead.objects.get(pk=opportunity.pk).estimated_value == Decimal(45000)
    page = login(salesperson).get(reverse("leads:lead_detail", args=[opportunity.pk]))
    assert reverse("leads:lead_deal", args=[opportunity.pk]) in page.text
