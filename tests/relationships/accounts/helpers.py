"""Key-account test data, made through the app's own services: won deals through the
lifecycle, organisations by recognition, key accounts by a manager."""

import datetime
from decimal import Decimal

from django.utils import timezone

from alignment.models import Person
from leads.handoff import services as lifecycle
from leads.models import Lead, Stage
from relationships.accounts import services
from relationships.models import KeyAccount, Organisation
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import make_lead


def agreement(manager: Person, sales_manager: Person) -> None:
    """An approved agreement, so leads can be handed off and worked to won."""
    make_agreement(marketing=manager, sales=sales_manager)


def deal(
    *,
    marketer: Person,
    salesperson: Person,
    company: str,
    email: str,
    stage: str = Stage.WON,
    amount: str = "10000",
    closed: datetime.date | None = None,
) -> Lead:
    """A lead of `company` taken through the lifecycle to opportunity or won (on `closed`,
    today by default). An approved agreement must exist (see agreement())."""
    lead = handed_off(ready_lead(by=marketer, company=company, email=email), by=marketer)
    for step in (Stage.SAL, Stage.SQL):
        lifecycle.change_stage(lead_id=lead.pk, to=step, by=salesperson)
    later = timezone.localdate() + datetime.timedelta(days=30)
    lifecycle.change_stage(
        lead_id=lead.pk, to=Stage.OPPORTUNITY, by=salesperson, amount=Decimal(amount),
        close_date=later,
    )  # fmt: skip
    if stage == Stage.WON:
        lifecycle.change_stage(
            lead_id=lead.pk, to=Stage.WON, by=salesperson, amount=Decimal(amount),
            close_date=closed or timezone.localdate(),
        )  # fmt: skip
    return Lead.objects.get(pk=lead.pk)


def lead(company: str, email: str) -> Lead:
    return make_lead(company=company, email=email)


def organisation(name: str) -> Organisation:
    """The recognised organisation with this name (recognising first)."""
    services.recognise_organisations()
    return Organisation.objects.get(name=name)


def key_account(
    organisation_: Organisation,
    *,
    by: Person,
    account_manager: Person,
    marketer: Person,
    service_contact: Person | None = None,
    goal: str | None = "100000",
) -> KeyAccount:
    return services.create_key_account(
        organisation_id=organisation_.pk,
        team=services.Team(account_manager, marketer, service_contact),
        by=by,
        goal=Decimal(goal) if goal else None,
        aims="Grow together",
    )
