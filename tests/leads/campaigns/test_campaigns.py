"""Campaigns: who makes and edits them, their cost lines, the figures on their page and in
their list (the same numbers), with constant query counts."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from leads.campaigns import queries
from leads.handoff import services as lifecycle
from leads.models import Campaign, Lead, Spend, Stage
from tests.conftest import make_person
from tests.leads.campaigns.helpers import add_cost, make_campaign
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import make_lead
from tests.queries import assert_same_query_count


def _form(**values) -> dict:
    today = timezone.localdate()
    return {
        "name": "Spring webinar",
        "code": "WEB-SPRING",
        "channel": "webinar",
        "start_date": today.isoformat(),
        "end_date": (today + datetime.timedelta(days=14)).isoformat(),
        "status": "planned",
        "budget": "7500",
        "offer": "Free trial",
        "talking_points": "",
        "description": "",
        "expected_leads": "",
    } | values


def test_a_marketer_creates_a_campaign_they_own(login, marketer):
    response = login(marketer).post(reverse("leads:campaign_create"), _form(owner=marketer.pk))
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == campaign.get_absolute_url()
    assert (campaign.owner, campaign.budget) == (marketer, Decimal(7500))


def test_codes_are_unique_whatever_their_case(login, marketer):
    make_campaign(owner=marketer, code="WEB-01")
    response = login(marketer).post(
        reverse("leads:campaign_create"), _form(code="web-01", owner=marketer.pk)
    )
    assert response.status_code == 200 and 'class="error"' in response.text
    assert Campaign.objects.count() == 1


def test_the_end_may_not_come_before_the_start(marketer):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        make_campaign(owner=marketer, end_date=today - datetime.timedelta(days=1))
    assert not Campaign.objects.exists()


def test_a_marketer_edits_their_own_campaign_only_a_marketing_manager_any(login, marketer, manager):
    other = make_person("marketer", username="other")
    theirs = make_campaign(owner=other)
    url = reverse("leads:campaign_edit", args=[theirs.pk])
    assert login(marketer).post(url, _form(code=theirs.code, owner=other.pk)).status_code == 403
    assert Campaign.objects.get().name == "Webinar planning"
    login(manager).post(url, _form(code=theirs.code, owner=other.pk, name="Renamed"))
    assert Campaign.objects.get().name == "Renamed"


def test_the_service_refuses_a_salesperson(salesperson):
    with pytest.raises(PermissionDenied):
        make_campaign(owner=salesperson)
    assert not Campaign.objects.exists()


def test_cost_is_the_sum_of_cost_lines(login, marketer):
    campaign = make_campaign(owner=marketer)
    add_cost(campaign, "1200.50", by=marketer)
    line = add_cost(campaign, "300", by=marketer)
    assert Campaign.objects.get().cost == Decimal("1500.50")
    login(marketer).post(reverse("leads:cost_delete", args=[line.pk]))
    assert Campaign.objects.get().cost == Decimal("1200.50")


def test_a_bad_cost_line_says_why_and_adds_nothing(login, marketer):
    campaign = make_campaign(owner=marketer)
    response = login(marketer).post(
        reverse("leads:cost_add", args=[campaign.pk]),
        {"date": "2026-01-01", "amount": "-3", "category": "campaigns", "description": "X"},
        follow=True,
    )
    assert 'class="message message-error"' in response.text
    assert not Spend.objects.exists()


@pytest.fixture
def campaign_with_a_won_deal(manager, sales_manager, marketer, salesperson):
    make_agreement(marketing=manager, sales=sales_manager)
    campaign = make_campaign(owner=marketer)
    add_cost(campaign, "2000", by=marketer)
    lead = handed_off(ready_lead(by=marketer, source_campaign=campaign), by=marketer)
    for stage in (Stage.SAL, Stage.SQL):
        lifecycle.change_stage(lead_id=lead.pk, to=stage, by=salesperson)
    deal = {"amount": Decimal(9000), "close_date": timezone.localdate()}
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.OPPORTUNITY, by=salesperson, **deal)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.WON, by=salesperson, amount=Decimal(10000))
    rejected = handed_off(ready_lead(by=marketer, source_campaign=campaign), by=marketer)
    lifecycle.change_stage(
        lead_id=rejected.pk, to=Stage.REJECTED, by=salesperson, reason="not_our_profile"
    )
    make_lead(source_campaign=campaign)
    return queries.campaign_detail(campaign.pk)  # as the page reads it


def test_the_page_shows_funnel_revenue_cost_roi_fit_and_rejections(campaign_with_a_won_deal):
    figures = queries.figures(campaign_with_a_won_deal)
    assert (figures.leads, figures.mqls, figures.sals, figures.sqls, figures.won) == (3, 2, 1, 1, 1)
    assert (figures.won_revenue, figures.cost) == (Decimal(10000), Decimal(2000))
    assert figures.roi == Decimal(4)  # (10,000 − 2,000) / 2,000
    assert figures.cost_per_mql == Decimal(1000)
    assert sum(figures.fit_bands.values()) == 3
    assert [row["reason"] for row in figures.rejections] == ["not_our_profile"]


def test_the_list_shows_the_same_figures_as_the_page(campaign_with_a_won_deal):
    listed = queries.campaign_list({"sort": "roi"}).get()
    figures = queries.figures(campaign_with_a_won_deal)
    assert (listed.lead_count, listed.won_count, listed.won_revenue, listed.cost) == (
        figures.leads,
        figures.won,
        figures.won_revenue,
        figures.cost,
    )
    assert listed.roi_value == figures.roi


def test_the_list_sorts_by_roi_with_campaigns_without_cost_last(marketer):
    good, poor, free = (make_campaign(owner=marketer, code=code) for code in ("A", "B", "C"))
    add_cost(good, "100", by=marketer)
    add_cost(poor, "100", by=marketer)
    Campaign.objects.filter(pk=good.pk).update(won_revenue=1000)
    Campaign.objects.filter(pk=poor.pk).update(won_revenue=50)
    order = [c.code for c in queries.campaign_list({"sort": "roi"})]
    assert order == ["A", "B", "C"]
    assert free.roi is None


def _listed_codes(client, **filters) -> set[str]:
    """The codes of the campaigns the list shows (not a bare substring of the page: the
    page's random tokens once held "OLD")."""
    text = client.get(reverse("leads:campaign_list"), filters).text
    return set(re.findall(r'<span class="muted small">(\w+) · ', text))


def test_the_list_filters_by_status_channel_segment_and_period(login, marketer):
    today = timezone.localdate()
    make_campaign(owner=marketer, code="OLD", start_date=today - datetime.timedelta(days=90),
                  end_date=today - datetime.timedelta(days=60), status="finished")  # fmt: skip
    make_campaign(owner=marketer, code="NOW", channel="event")
    client = login(marketer)
    assert _listed_codes(client) == {"OLD", "NOW"}
    assert _listed_codes(client, status="finished") == {"OLD"}
    assert _listed_codes(client, channel="event") == {"NOW"}
    since = (today - datetime.timedelta(days=30)).isoformat()
    assert _listed_codes(client, since=since) == {"NOW"}


def test_list_and_page_run_a_constant_number_of_queries(login, marketer, salesperson):
    campaign = make_campaign(owner=marketer)
    client = login(salesperson)

    def more():
        for _ in range(5):
            other = make_campaign(owner=marketer, code=f"X{Campaign.objects.count()}")
            add_cost(other, "10", by=marketer)
            make_lead(source_campaign=campaign)
        add_cost(campaign, "20", by=marketer)

    assert_same_query_count(lambda: client.get(reverse("leads:campaign_list")), more)
    url = reverse("leads:campaign_detail", args=[campaign.pk])
    assert_same_query_count(lambda: client.get(url), more)


def test_leads_of_a_campaign_in_the_lead_list(login, marketer, salesperson):
    campaign = make_campaign(owner=marketer)
    mine = make_lead(last_name="Campaignlead", source_campaign=campaign)
    make_lead(last_name="Otherlead")
    text = login(salesperson).get(reverse("leads:lead_list"), {"campaign": campaign.pk}).text
    assert mine.last_name in text and "Otherlead" not in text
    assert Lead.objects.filter(source_campaign=campaign).count() == 1
