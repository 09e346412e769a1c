"""The demo's campaigns, spend, budget and deals: a year of history, consistent with the
leads' stage events."""

import datetime

from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from dashboards.models import BudgetAllocation
from leads.models import Campaign, Lead, LeadEvent, Spend, Stage


def test_a_year_of_campaigns_with_cost_and_a_budget(db):
    today = timezone.localdate()
    campaigns = Campaign.objects.all()
    assert campaigns.count() >= 20
    assert campaigns.filter(start_date__lte=today - datetime.timedelta(days=300)).exists()
    assert campaigns.filter(status=Campaign.Status.PLANNED, start_date__gt=today).exists()
    assert campaigns.filter(status=Campaign.Status.RUNNING).exists()
    assert Spend.objects.filter(team="marketing").exists()
    assert Spend.objects.filter(team="sales").exists()
    assert BudgetAllocation.objects.filter(year=today.year).exists()
    assert Lead.objects.filter(source_campaign__isnull=False).count() > 100


def test_every_campaigns_kept_figures_match_its_leads_and_spend(db):
    """The demo writes leads and cost lines in bulk: the kept figures (the list's and the
    page's) must still be those of its leads and spend."""
    for campaign in Campaign.objects.filter(lead_count__gt=0)[:5]:
        leads = Lead.objects.filter(source_campaign=campaign)
        won = leads.filter(stage=Stage.WON)
        revenue = won.aggregate(total=Sum("won_amount"))["total"] or 0
        cost = Spend.objects.filter(campaign=campaign).aggregate(total=Sum("amount"))["total"]
        assert (campaign.lead_count, campaign.won_count) == (leads.count(), won.count())
        assert (campaign.won_revenue, campaign.cost) == (revenue, cost or 0)


def test_deals_are_consistent_with_their_stage_events(db):
    def last(stage):
        events = LeadEvent.objects.filter(lead=OuterRef("pk"), to_stage=stage).order_by("-at")
        return {
            "amount": Subquery(events.values("amount")[:1]),
            "day": Subquery(events.values("close_date")[:1]),
        }

    won = Lead.objects.filter(stage=Stage.WON).annotate(**last(Stage.WON))
    assert won.count() > 10
    for lead in won:
        assert (lead.won_amount, lead.close_date) == (lead.amount, lead.day)
    opportunities = Lead.objects.filter(stage=Stage.OPPORTUNITY).annotate(**last(Stage.OPPORTUNITY))
    for lead in opportunities:
        assert (lead.estimated_value, lead.close_date) == (lead.amount, lead.day)
    amounts = sorted(won.values_list("won_amount", flat=True))
    assert amounts[-1] > 4 * amounts[len(amounts) // 2]  # a few large deals, many small
