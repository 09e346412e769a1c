"""The campaigns a person links by hand — to a lead typed in, a field note, a key
account's activity — are the current ones; what is already linked stays a choice."""

import datetime

import pytest
from django.utils import timezone

from leads.campaigns.queries import CHOICE_DAYS, campaigns_to_choose
from leads.intake.forms import LeadEditForm, LeadForm
from leads.intake.services import version_of
from leads.models import Campaign
from relationships.accounts.forms import ActivityForm
from relationships.models import AccountActivity, FieldNote
from relationships.notes.forms import FieldNoteForm
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.helpers import make_lead


def _campaign(owner, code: str, *, started: int, ended: int, **values) -> Campaign:
    """A campaign that started and ended the given number of days from today."""
    today = timezone.localdate()
    return make_campaign(
        owner=owner,
        code=code,
        name=code,
        start_date=today + datetime.timedelta(days=started),
        end_date=today + datetime.timedelta(days=ended),
        **values,
    )


@pytest.fixture
def campaigns(marketer) -> dict[str, Campaign]:
    return {
        "coming": _campaign(marketer, "COMING", started=7, ended=21),
        "running": _campaign(marketer, "RUNNING", started=-10, ended=10),
        "ended lately": _campaign(
            marketer, "LATELY", started=-CHOICE_DAYS - 30, ended=-CHOICE_DAYS
        ),
        "ended long ago": _campaign(marketer, "LONG-AGO", started=-400, ended=-CHOICE_DAYS - 1),
        "cancelled": _campaign(
            marketer, "CANCELLED", started=-5, ended=5, status=Campaign.Status.CANCELLED
        ),
    }


def _codes(queryset) -> list[str]:
    return [campaign.code for campaign in queryset]


def test_the_current_campaigns_newest_first(campaigns):
    assert _codes(campaigns_to_choose()) == ["COMING", "RUNNING", "LATELY"]


def test_the_linked_campaign_stays_a_choice_however_old_or_cancelled(campaigns):
    for name in ("ended long ago", "cancelled"):
        kept = campaigns[name]
        assert kept.code in _codes(campaigns_to_choose(keep=kept.pk))
    assert _codes(campaigns_to_choose(keep=None)) == ["COMING", "RUNNING", "LATELY"]


def test_every_form_that_links_a_campaign_offers_the_current_ones(campaigns):
    old = campaigns["ended long ago"]
    lead = make_lead(source_campaign=old)
    offered = {
        "new lead": LeadForm(),
        "lead edit": LeadEditForm(lead=lead, version=version_of(lead)),
        "field note": FieldNoteForm(),
        "field note about the old campaign": FieldNoteForm(instance=FieldNote(campaign=old)),
        "activity": ActivityForm(),
        "activity with the old campaign": ActivityForm(instance=AccountActivity(campaign=old)),
    }
    choices = {
        name: _codes(form.fields["source_campaign" if "lead" in name else "campaign"].queryset)
        for name, form in offered.items()
    }
    current = ["COMING", "RUNNING", "LATELY"]
    assert choices == {
        "new lead": current,
        "lead edit": [*current, "LONG-AGO"],
        "field note": current,
        "field note about the old campaign": [*current, "LONG-AGO"],
        "activity": current,
        "activity with the old campaign": [*current, "LONG-AGO"],
    }
