"""The reasons a salesperson may reject a lead with are decided in one place: the form
offers exactly the reasons the service accepts — those of the version the lead was handed
off under and of the version in force now."""

import re

import pytest
from django.urls import reverse

from leads.handoff import services as lifecycle
from leads.handoff.transitions import TransitionRefused
from leads.models import Lead, Stage
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead


def _offered(client, lead: Lead) -> list[str]:
    page = client.get(reverse("leads:lead_reject", args=[lead.pk])).text
    select = re.search(r'<select name="reason".*?</select>', page, re.S).group(0)
    return [value for value in re.findall(r'value="([^"]*)"', select) if value]


def test_the_form_offers_what_the_service_accepts(
    login, manager, sales_manager, marketer, salesperson
):
    make_agreement(
        marketing=manager, sales=sales_manager, rejection_reasons=["no_need", "Old own", "other"]
    )
    leads = [handed_off(ready_lead(by=marketer), by=marketer) for _ in range(5)]
    make_agreement(marketing=manager, sales=sales_manager, rejection_reasons=["no_budget", "other"])
    offered = _offered(login(salesperson), leads[0])
    assert sorted(offered) == sorted(["no_need", "Old own", "no_budget", "other"])
    for lead, reason in zip(leads, offered, strict=False):
        lifecycle.change_stage(
            lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason=reason, note="Why"
        )
        assert Lead.objects.get(pk=lead.pk).stage == Stage.REJECTED
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(
            lead_id=leads[4].pk, to=Stage.REJECTED, by=salesperson, reason="duplicate"
        )
    assert Lead.objects.get(pk=leads[4].pk).stage == Stage.MQL
