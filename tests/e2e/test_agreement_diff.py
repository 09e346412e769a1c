"""The Dutch sales manager lands on the dashboard, is told a draft of the handoff
agreement waits for them, follows the link and sees rule by rule what the draft changes
against the version in force, then approves it; the draft page passes axe."""

import pytest

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import accessibility_violations, log_in
from tests.leads.handoff.helpers import make_agreement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft():
    from leads.agreement import services as agreements
    from leads.models import HandoffAgreement

    manager = make_person("manager", username="mira")
    sales_manager = make_person("sales_manager", username="stefan")
    make_agreement(marketing=manager, sales=sales_manager, accept_hours=24,
                   rejection_reasons=["no_need", "no_budget", "other"])  # fmt: skip
    values = HandoffAgreement().rules() | {
        "working_hours_only": False,
        "accept_hours": 8,
        "required_fields": ["phone"],
        "rejection_reasons": ["no_need", "duplicate", "other"],
        "change_note": "Sneller reageren op warme leads.",
    }
    return agreements.save_draft(segment=None, values=values, salespeople=[], by=manager)


def test_the_approving_manager_sees_what_the_draft_changes(live_server, axe_page, draft):
    from leads.models import HandoffAgreement

    page = axe_page
    log_in(page, live_server, "stefan", PASSWORD)
    banner = page.locator(".waiting-draft")
    assert "Conceptversie 2 van de overdrachtsafspraak" in banner.inner_text()
    banner.get_by_role("link", name="Lees wat er verandert en keur goed").click()
    page.wait_for_url(f"**/agreement/{draft.pk}/")

    changes = page.locator(".agreement-diff")
    assert "Wat er verandert tegenover de geldende versie (v1)" in changes.inner_text()
    hours = changes.locator('[data-field="accept_hours"]')
    assert hours.locator("del").inner_text().endswith("24")
    assert hours.locator("ins").inner_text().endswith("8")
    reasons = changes.locator('[data-field="rejection_reasons"]')
    assert "Dubbel" in reasons.locator("ins").inner_text()
    assert "Geen budget" in reasons.locator("del").inner_text()
    assert "Telefoon" in changes.locator('[data-field="required_fields"] ins').inner_text()
    assert changes.locator('[data-field="min_fit_score"]').count() == 0
    assert accessibility_violations(page) == []

    page.get_by_role("button", name="Goedkeuren voor sales").click()
    page.wait_for_selector(".messages")
    assert HandoffAgreement.objects.get(pk=draft.pk).approvals.count() == 1
