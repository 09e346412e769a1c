"""Writes of campaigns and spend, each checking who may make it."""

from django.db import transaction
from django.utils import timezone

from alignment import roles
from alignment.models import Person, TeamCode
from alignment.tokens import hash_token, new_token
from leads.campaigns import stats
from leads.models import CalendarFeed, Campaign, Spend


@transaction.atomic
def save_campaign(
    *, campaign: Campaign | None, values: dict, segments: list, by: Person
) -> Campaign:
    if campaign is None:
        roles.require(roles.can_manage_campaigns(by.user))
        campaign = Campaign()
    else:
        roles.require(roles.can_edit_campaign(by.user, campaign.owner))
    for name, value in values.items():
        setattr(campaign, name, value)
    campaign.updated_at = timezone.now()
    campaign.full_clean()
    campaign.save()
    campaign.segments.set(segments)
    return campaign


@transaction.atomic
def add_cost(*, campaign: Campaign, values: dict, by: Person) -> Spend:
    """A cost line of a campaign: marketing's spend from the budget."""
    roles.require(roles.can_edit_campaign(by.user, campaign.owner))
    line = Spend(campaign=campaign, team=TeamCode.MARKETING, created_by=by, **values)
    line.full_clean()
    line.save()
    stats.refresh([campaign.pk])
    return line


@transaction.atomic
def add_sales_spend(*, values: dict, by: Person) -> Spend:
    """A spend line of sales (an event, travel, a tool), outside any campaign."""
    roles.require(roles.can_enter_sales_spend(by.user))
    line = Spend(team=TeamCode.SALES, created_by=by, **values)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def remove_spend(*, line: Spend, by: Person) -> None:
    if line.campaign_id:
        roles.require(roles.can_edit_campaign(by.user, line.campaign.owner))
    else:
        roles.require(roles.can_remove_sales_spend(by.user, line.created_by))
    campaign_id = line.campaign_id
    line.delete()
    stats.refresh([campaign_id])


@transaction.atomic
def renew_calendar_feed(*, person: Person) -> str:
    """A new secret address for the person's campaign calendar; the old one stops working.
    Returns the raw token, which is shown in the address and never stored."""
    raw = new_token()
    CalendarFeed.objects.update_or_create(person=person, defaults={"token_hash": hash_token(raw)})
    return raw


def revoke_calendar_feed(*, person: Person) -> None:
    CalendarFeed.objects.filter(person=person).delete()
