"""Nobody has to guess that an agreement draft waits for them: the managers who approve
hear of a new draft, the other team of one side's approval, both teams of a version that
takes effect, by notification and email; a manager's home (the dashboard) says it too."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from alignment.models import Notification, TeamCode
from leads.agreement import services as agreements
from leads.models import HandoffAgreement
from tests.conftest import make_person
from tests.leads.helpers import make_segment


@pytest.fixture
def people(manager, sales_manager, marketer, salesperson, service_agent):
    return {
        "manager": manager,
        "sales_manager": sales_manager,
        "marketer": marketer,
        "salesperson": salesperson,
        "service": service_agent,
    }


def _draft(by, segment=None, **values):
    rules = HandoffAgreement().rules() | values
    return agreements.save_draft(segment=segment, values=rules, salespeople=[], by=by)


def _approve(draft, person, team):
    return agreements.approve(agreement_id=draft.pk, team=team, by=person, revision=draft.revision)


def _told(kind):
    return {note.recipient.user.username for note in Notification.objects.filter(kind=kind)}


def test_a_new_draft_tells_the_other_manager_by_notification_and_email(people, run_tasks):
    draft = run_tasks(lambda: _draft(people["manager"]))
    assert _told("agreement_draft") == {"sales_manager"}
    note = Notification.objects.get(kind="agreement_draft")
    assert note.url == reverse("leads:agreement_version", args=[draft.pk])
    with translation.override("en"):
        assert "waits for your approval" in note.text and "version 1" in note.text
    assert [message.to for message in mail.outbox] == [["sales_manager@example.com"]]


def test_the_director_hears_of_a_draft_too_and_a_segment_draft_names_its_segment(people):
    make_person("sales_manager", username="director", leads_all_teams=True)
    segment = make_segment(by=people["manager"], name="Zorg")
    _draft(people["sales_manager"], segment=segment)
    assert _told("agreement_draft_segment") == {"manager", "director"}
    note = Notification.objects.filter(kind="agreement_draft_segment")[0]
    assert "voor Zorg" in note.text


def test_changing_a_draft_asks_whoever_had_approved_it_to_approve_again(people):
    draft = _draft(people["manager"])
    _approve(draft, people["sales_manager"], TeamCode.SALES)
    agreements.save_draft(
        segment=None, values={"accept_hours": 4}, salespeople=[], by=people["manager"]
    )
    assert _told("agreement_draft_changed") == {"sales_manager"}


def test_one_sides_approval_tells_the_other_teams_managers_only(people):
    draft = _draft(people["manager"])
    Notification.objects.all().delete()
    _approve(draft, people["manager"], TeamCode.MARKETING)
    assert _told("agreement_approved") == {"sales_manager"}
    assert not _told("agreement_in_force")


def test_a_version_in_force_tells_everyone_in_both_teams_but_not_service(people, run_tasks):
    draft = _draft(people["manager"])
    _approve(draft, people["manager"], TeamCode.MARKETING)
    mail.outbox.clear()
    run_tasks(lambda: _approve(draft, people["sales_manager"], TeamCode.SALES))
    # The one who approved last knows; the service team is not bound by the agreement.
    assert _told("agreement_in_force") == {"manager", "marketer", "salesperson"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.com",
        "marketer@example.com",
        "salesperson@example.com",
    ]


def test_the_dashboard_says_a_draft_waits_for_the_managers_approval(people, login):
    draft = _draft(people["manager"])
    url = reverse("leads:agreement_version", args=[draft.pk])
    page = login(people["sales_manager"]).get(reverse("dashboards:dashboard"))
    assert "wacht op jouw goedkeuring" in page.text and url in page.text
    # Not for the one who proposed it and approved it already, nor once both approved.
    _approve(draft, people["manager"], TeamCode.MARKETING)
    assert url not in login(people["manager"]).get(reverse("dashboards:dashboard")).text
    _approve(draft, people["sales_manager"], TeamCode.SALES)
    assert url not in login(people["sales_manager"]).get(reverse("dashboards:dashboard")).text


def test_the_drafting_manager_without_approving_still_sees_it_wait(people, login):
    """Drafting is not approving: the drafter's own team still has to say yes."""
    draft = _draft(people["manager"])
    page = login(people["manager"]).get(reverse("dashboards:dashboard"))
    assert reverse("leads:agreement_version", args=[draft.pk]) in page.text
