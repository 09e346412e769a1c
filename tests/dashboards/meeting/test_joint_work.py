"""The agenda's part of working as one: the key accounts' next steps and quiet accounts,
and what people learned in the other team, next to the field notes."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from dashboards.models import Section
from relationships.actions.services import create_action_item
from relationships.models import ActionSource, Rotation, RotationStatus
from tests.dashboards.meeting.helpers import EN, NOW, shown
from tests.relationships.accounts import helpers as accounts


def _agenda(meeting, login, manager) -> dict[str, str]:
    from tests.dashboards.meeting.test_agenda import _by_section

    client = login(manager)
    response = client.get(reverse("dashboards:meeting", args=[meeting.pk]), headers=EN)
    return _by_section(meeting, shown(client, response))


def test_a_next_step_of_a_key_account_due_this_week_is_on_the_agenda(
    meeting, login, manager, marketer, salesperson
):
    accounts.lead("Havenbedrijf Noord", "inkoop@havennoord.nl")
    account = accounts.key_account(
        accounts.organisation("Havenbedrijf Noord"), by=manager,
        account_manager=salesperson, marketer=marketer,
    )  # fmt: skip
    create_action_item(
        title="Invite them to the customer day", owner=marketer, by=salesperson,
        due_date=timezone.localdate() + timedelta(days=2), source=ActionSource.KEY_ACCOUNT,
        key_account=account,
    )  # fmt: skip
    shown = _agenda(meeting, login, manager)[Section.ACCOUNTS]
    assert "Havenbedrijf Noord" in shown
    assert "Invite them to the customer day" in shown


def test_learnings_of_a_rotation_since_the_last_meeting_are_with_the_field_notes(
    meeting, login, manager, marketer, salesperson
):
    Rotation.objects.create(
        person=marketer, host_team="sales", starts_on=NOW.date() - timedelta(days=20),
        ends_on=NOW.date() - timedelta(days=6), goals="Listen in", created_by=marketer,
        status=RotationStatus.APPROVED, learnings="Customers ask about the price first.",
        learnings_at=NOW - timedelta(days=1),
    )  # fmt: skip
    Rotation.objects.create(
        person=salesperson, host_team="marketing", starts_on=NOW.date() - timedelta(days=90),
        ends_on=NOW.date() - timedelta(days=80), goals="Build a campaign",
        created_by=salesperson, status=RotationStatus.APPROVED,
        learnings="An old lesson.", learnings_at=NOW - timedelta(days=60),
    )  # fmt: skip
    shown = _agenda(meeting, login, manager)[Section.NOTES]
    assert "Customers ask about the price first." in shown
    assert "after working with Sales" in shown
    assert "An old lesson." not in shown  # from before the previous meeting
