"""The demo's key accounts: five of the largest customers with a team, a goal, activities
over the last months and next steps; one overdue step, one account quiet for 30 days."""

from django.utils import timezone

from relationships.accounts import queries
from relationships.models import AccountActivity, ActionItem, KeyAccount, Organisation
from tests.demo.conftest import seed_again


def test_five_key_accounts_with_team_goal_activities_and_next_steps(db):
    today = timezone.localdate()
    accounts = list(KeyAccount.objects.all())
    assert len(accounts) == 5
    for account in accounts:
        assert account.goals.filter(year=today.year).exists()
        assert account.aims
        assert account.activities.count() == 4
        assert account.next_steps.filter(status="open").count() >= 2
        assert account.next_steps.filter(status="done").exists()
    facts = queries.meeting_facts(today)
    assert [step["overdue"] for step in facts["next_steps"]].count(True) == 1
    assert len(facts["next_steps"]) > 1
    assert len(facts["quiet_accounts"]) == 1


def test_the_key_accounts_are_among_the_largest_customers(db):
    today = timezone.localdate()
    proposed = queries.largest_customers(today, limit=50)
    won = queries.revenue_by_organisation(*queries.twelve_months_to(today))
    revenue = {pk: total.revenue for pk, total in won.items()}
    largest_left = proposed[0].revenue
    accounts = KeyAccount.objects.values_list("organisation_id", flat=True)
    assert sum(revenue[pk] >= largest_left for pk in accounts) >= 4


def test_the_key_accounts_demo_is_idempotent(db):
    counts = [m.objects.count() for m in (Organisation, KeyAccount, AccountActivity, ActionItem)]
    seed_again()
    assert [m.objects.count() for m in (Organisation, KeyAccount, AccountActivity, ActionItem)] == (
        counts
    )
