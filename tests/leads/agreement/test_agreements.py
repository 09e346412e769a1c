"""The handoff agreement: drafted by a manager, in force only once both teams approved."""

import pytest

from alignment.models import TeamCode
from leads.agreement import services as agreements
from leads.agreement.forms import initial_for_agreement
from leads.agreement.queries import in_force_by_segment
from leads.handoff import services as lifecycle
from leads.handoff.transitions import TransitionRefused
from leads.models import AgreementApproval, HandoffAgreement, Stage
from tests.conftest import make_person
from tests.leads.handoff.helpers import make_agreement, ready_lead

Status = HandoffAgreement.Status


def _draft(by, **values):
    rules = HandoffAgreement().rules() | values
    return agreements.save_draft(segment=None, values=rules, salespeople=[], by=by)


def _approve(draft, person, team):
    return agreements.approve(agreement_id=draft.pk, team=team, by=person, revision=draft.revision)


def test_one_approval_does_not_put_a_draft_in_force(manager):
    draft = _draft(manager)
    _approve(draft, manager, TeamCode.MARKETING)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert in_force_by_segment() == {}


def test_both_managers_approving_puts_it_in_force_and_retires_the_old_one(manager, sales_manager):
    first = make_agreement(marketing=manager, sales=sales_manager, accept_hours=48)
    second = _draft(sales_manager, accept_hours=8)
    assert second.version == 2
    _approve(second, sales_manager, TeamCode.SALES)
    _approve(second, manager, TeamCode.MARKETING)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.SUPERSEDED, Status.ACTIVE)
    assert second.activated_at is not None
    approvals = AgreementApproval.objects.filter(agreement=second)
    assert {(a.team, a.by) for a in approvals} == {
        (TeamCode.MARKETING, manager),
        (TeamCode.SALES, sales_manager),
    }


def test_a_manager_cannot_approve_for_the_other_team(manager, sales_manager):
    draft = _draft(manager)
    with pytest.raises(agreements.AgreementRefused):
        _approve(draft, manager, TeamCode.SALES)
    with pytest.raises(agreements.AgreementRefused):
        _approve(draft, sales_manager, TeamCode.MARKETING)
    assert not AgreementApproval.objects.exists()


def test_the_director_cannot_approve_for_both_teams_alone(manager):
    director = make_person("sales_manager", username="director", leads_all_teams=True)
    draft = _draft(manager)
    _approve(draft, director, TeamCode.SALES)
    with pytest.raises(agreements.AgreementRefused):
        _approve(draft, director, TeamCode.MARKETING)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_salespeople_and_marketers_cannot_draft_or_approve(marketer, salesperson, manager):
    for person in (marketer, salesperson):
        with pytest.raises(agreements.AgreementRefused):
            _draft(person)
    draft = _draft(manager)
    with pytest.raises(agreements.AgreementRefused):
        _approve(draft, marketer, TeamCode.MARKETING)


def test_editing_an_active_version_makes_a_new_draft(manager, sales_manager):
    active = make_agreement(marketing=manager, sales=sales_manager)
    draft = _draft(manager, accept_hours=12)
    active.refresh_from_db()
    assert active.status == Status.ACTIVE and active.accept_hours == 24
    assert (draft.status, draft.version, draft.accept_hours) == (Status.DRAFT, 2, 12)


def test_editing_a_draft_clears_its_approvals_and_stale_approvals_are_refused(
    manager, sales_manager
):
    draft = _draft(manager)
    _approve(draft, manager, TeamCode.MARKETING)
    seen = draft.revision
    changed = agreements.save_draft(
        segment=None,
        values={"accept_hours": 4},
        salespeople=[],
        by=sales_manager,
        revision=seen,
    )
    assert changed.pk == draft.pk and changed.revision == seen + 1
    assert not AgreementApproval.objects.filter(agreement=draft).exists()
    with pytest.raises(agreements.AgreementRefused):  # approves the text it saw before
        agreements.approve(
            agreement_id=draft.pk, team=TeamCode.SALES, by=sales_manager, revision=seen
        )
    with pytest.raises(agreements.AgreementRefused):  # a second editor with an old form
        agreements.save_draft(
            segment=None, values={"accept_hours": 6}, salespeople=[], by=manager, revision=seen
        )


def test_only_the_active_version_governs_handoffs(marketer, manager, sales_manager, salesperson):
    make_agreement(marketing=manager, sales=sales_manager, min_fit_score=90)
    _draft(manager, min_fit_score=0)  # proposed, not approved
    weak = ready_lead(by=marketer, industry="it", email="weak@x.nl")
    assert weak.fit.score < 90
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=weak.pk, to=Stage.MQL, by=marketer)


def test_a_segment_override_governs_its_segment(marketer, manager, sales_manager, salesperson):
    make_agreement(marketing=manager, sales=sales_manager, min_fit_score=0)
    lead = ready_lead(by=marketer)
    make_agreement(
        marketing=manager, sales=sales_manager, segment=lead.fit.segment, min_fit_score=101 - 1
    )
    lead = ready_lead(by=marketer, email="override@x.nl", employees=10)  # fit below 100
    with pytest.raises(TransitionRefused):
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.MQL, by=marketer)


def test_invalid_rules_are_refused_with_a_message(manager):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _draft(manager, working_hours_only=True, work_days=[])
    assert not HandoffAgreement.objects.exists()


def test_a_form_that_started_a_new_draft_cannot_overwrite_one_made_meanwhile(
    manager, sales_manager
):
    # The marketing manager opens the edit page while no draft exists: her form says 0.
    stale_form = initial_for_agreement(None)
    assert stale_form["revision"] == 0
    theirs = _draft(sales_manager, accept_hours=4)
    _approve(theirs, sales_manager, TeamCode.SALES)
    with pytest.raises(agreements.AgreementRefused):
        agreements.save_draft(
            segment=None, values={"accept_hours": 77}, salespeople=[], by=manager, revision=0
        )
    theirs.refresh_from_db()
    assert theirs.accept_hours == 4
    assert AgreementApproval.objects.filter(agreement=theirs).exists()
    # A form built from the draft carries its revision, so its author can go on editing it.
    assert initial_for_agreement(theirs)["revision"] == theirs.revision


def test_drafting_takes_the_scopes_lock_before_reading_its_versions(manager):
    from django.db import connection

    from tests.queries import captured_sql

    sql = captured_sql(lambda: _draft(manager))
    locks = [i for i, q in enumerate(sql) if "pg_advisory_xact_lock" in q]
    if connection.vendor != "postgresql":  # SQLite has one writer at a time: no lock
        assert locks == []
        return
    lock = locks[0]
    versions = next(i for i, q in enumerate(sql) if "FOR UPDATE" in q)
    # Without it, two first drafts of a scope both pass validation and one ends in a 500.
    assert lock < versions


def test_only_salespeople_take_turns_in_an_agreement(manager, marketer):
    with pytest.raises(agreements.AgreementRefused):
        agreements.save_draft(
            segment=None, values=HandoffAgreement().rules(), salespeople=[marketer], by=manager
        )
    assert not HandoffAgreement.objects.exists()
