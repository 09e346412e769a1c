"""Campaigns for the tests, made through the app's own services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from alignment.models import Person
from leads.campaigns import services
from leads.models import Campaign


def make_campaign(*, owner: Person, code: str = "WEB-01", **values) -> Campaign:
    today = timezone.localdate()
    fields = {
        "name": "Webinar planning",
        "code": code,
        "channel": "webinar",
        "start_date": today + datetime.timedelta(days=7),
        "end_date": today + datetime.timedelta(days=21),
        "status": Campaign.Status.PLANNED,
        "owner": owner,
        "budget": Decimal("5000.00"),
        "offer": "A free trial month",
        "talking_points": "Ask about planning in Excel",
    } | values
    return services.save_campaign(campaign=None, values=fields, segments=[], by=owner)


def add_cost(campaign: Campaign, amount: str, *, by: Person, **values):
    fields = {
        "date": timezone.localdate(),
        "amount": Decimal(amount),
        "category": "campaigns",
        "description": "Media",
    } | values
    return services.add_cost(campaign=campaign, values=fields, by=by)
