"""The buying-cycle map: part of the agreement, changed by a draft both managers approve."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alignment.models import TeamCode
from leads.agreement import cycle
from leads.agreement import services as agreements
from leads.models import HandoffAgreement

Status = HandoffAgreement.Status


def _active(manager, sales_manager, **values) -> HandoffAgreement:
    rules = HandoffAgreement().rules() | values
    draft = agreements.save_draft(segment=None, values=rules, salespeople=[], by=manager)
    for person, team in ((manager, TeamCode.MARKETING), (sales_manager, TeamCode.SALES)):
        agreements.approve(agreement_id=draft.pk, team=team, by=person, revision=draft.revision)
    draft.refresh_from_db()
    return draft


def _rows(phases: list[dict]) -> dict:
    """The cycle editor's POST: a formset of phase rows and the note."""
    data = {"form-TOTAL_FORMS": str(len(phases)), "form-INITIAL_FORMS": "0",
            "change_note": "Service owns use", "revision": "0"}  # fmt: skip
    for index, phase in enumerate(phases):
        for name, value in phase.items():
            data[f"form-{index}-{name}"] = value
    return data


PHASES = [
    {"name": "Ontdekken", "owner": "marketing", "customer": "Zoekt", "we": "Helpen",
     "exit": "Reageert", "stages": ["new"]},
    {"name": "Kopen", "owner": "sales", "customer": "Kiest", "we": "Sluiten", "exit": "Getekend",
     "stages": ["sql", "opportunity"]},
    {"name": "Gebruiken", "owner": "service", "customer": "Gebruikt", "we": "Ondersteunen",
     "exit": "Tevreden", "stages": ["won"]},
]  # fmt: skip


def test_without_a_map_of_its_own_the_agreement_shows_the_default_in_the_readers_language(
    client, manager, sales_manager, marketer
):
    _active(manager, sales_manager)
    client.force_login(marketer.user)
    english = client.get(reverse("leads:agreement"), headers={"accept-language": "en"})
    assert "Need awareness" in english.content.decode()
    dutch = client.get(reverse("leads:agreement"), headers={"accept-language": "nl"})
    assert "Behoefte" in dutch.content.decode()


def test_changing_the_map_makes_a_draft_that_both_managers_approve(client, manager, sales_manager):
    active = _active(manager, sales_manager, accept_hours=8)
    client.force_login(manager.user)
    response = client.post(reverse("leads:agreement_cycle"), _rows(PHASES))
    draft = HandoffAgreement.objects.get(status=Status.DRAFT)
    assert response.url == reverse("leads:agreement_version", args=[draft.pk])
    assert [phase["name"] for phase in draft.buying_cycle] == ["Ontdekken", "Kopen", "Gebruiken"]
    assert draft.buying_cycle[1]["stages"] == ["sql", "opportunity"]
    assert draft.accept_hours == 8  # the other rules are the version in force's
    assert HandoffAgreement.objects.get(pk=active.pk).buying_cycle == []  # not in force yet
    for person, team in ((manager, TeamCode.MARKETING), (sales_manager, TeamCode.SALES)):
        agreements.approve(agreement_id=draft.pk, team=team, by=person, revision=draft.revision)
    page = client.get(reverse("leads:agreement")).content.decode()
    assert "Ontdekken" in page and "Need awareness" not in page


def test_changing_the_map_of_a_draft_voids_its_approvals(client, manager, sales_manager):
    _active(manager, sales_manager)
    client.force_login(manager.user)
    client.post(reverse("leads:agreement_cycle"), _rows(PHASES))
    draft = HandoffAgreement.objects.get(status=Status.DRAFT)
    agreements.approve(agreement_id=draft.pk, team=TeamCode.MARKETING, by=manager,
                       revision=draft.revision)  # fmt: skip
    client.force_login(sales_manager.user)
    changed = _rows(PHASES[:2]) | {"revision": str(draft.revision)}
    client.post(reverse("leads:agreement_cycle"), changed)
    draft.refresh_from_db()
    assert len(draft.buying_cycle) == 2
    assert not draft.approvals.exists()
    with pytest.raises(agreements.AgreementRefused):  # approving the text as it was
        agreements.approve(agreement_id=draft.pk, team=TeamCode.SALES, by=sales_manager,
                           revision=draft.revision - 1)  # fmt: skip


def test_changing_the_rules_keeps_the_map(client, manager, sales_manager):
    stored = cycle.cleaned(PHASES)
    _active(manager, sales_manager, buying_cycle=stored)
    client.force_login(manager.user)
    form = client.get(reverse("leads:agreement_edit")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"min_fit_score": 70, "revision": 0, "work_start": "09:00", "work_end": "17:00"}
    data["rejection_reasons"] = [r for r in data["rejection_reasons"] if r != "other"]
    client.post(reverse("leads:agreement_edit"), data)
    draft = HandoffAgreement.objects.get(status=Status.DRAFT)
    assert draft.min_fit_score == 70
    assert draft.buying_cycle == stored


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([PHASES[0] | {"stages": ["sql"]}, PHASES[1]], "both"),  # one stage, two phases
        ([PHASES[0] | {"name": ""}], "name"),
        ([], "at least one"),
    ],
)
def test_a_bad_map_is_refused_with_a_message_and_nothing_changes(
    client, manager, sales_manager, rows, message
):
    _active(manager, sales_manager)
    client.force_login(manager.user)
    response = client.post(reverse("leads:agreement_cycle"), _rows(rows),
                           headers={"accept-language": "en"})  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HandoffAgreement.objects.filter(status=Status.DRAFT).exists()


def test_cleaning_keeps_the_lead_stages_in_their_lifecycle_order():
    stored = cycle.cleaned([PHASES[1] | {"stages": ["opportunity", "sql", "nonsense"]}])
    assert stored[0]["stages"] == ["sql", "opportunity"]


def test_an_unknown_owner_is_refused():
    with pytest.raises(ValidationError):
        cycle.cleaned([PHASES[0] | {"owner": "board"}])


def test_marketers_and_salespeople_cannot_open_the_cycle_editor(client, marketer, salesperson):
    for person in (marketer, salesperson):
        client.force_login(person.user)
        assert client.get(reverse("leads:agreement_cycle")).status_code == 403
