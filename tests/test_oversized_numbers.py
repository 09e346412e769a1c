"""Every number that arrives in a query parameter, a form field or a URL, given 30 digits
(more than SQLite's 64-bit integers hold) and 5,000 digits (more than Python's int() reads):
a page, a 400, a 404 or a form with a message, never a 500, and nothing stored.

Each case is one parameter: (who asks, method, path, data), where "{n}" stands for the
oversized number and the path and data may use the objects of the World below."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from leads.models import HandoffAgreement, Lead, LeadEvent, Segment
from relationships.actions.services import create_action_item
from relationships.models import ActionItem, Answer, FieldNote, ProductUpdate, Round
from tests.conftest import make_person, shared_data
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.relationships.helpers import open_round

SIZES = {"30-digits": "9" * 30, "5000-digits": "9" * 5000}
# One World for the whole module (on one xdist worker), rolled back at its end; each test
# runs in a savepoint of it.
pytestmark = pytest.mark.xdist_group("oversized-numbers")


class World:
    def __init__(self) -> None:
        self.marketer = make_person("marketer")
        self.salesperson = make_person("salesperson")
        self.manager = make_person("manager")
        self.sales_manager = make_person("sales_manager")
        self.agreement = make_agreement(marketing=self.manager, sales=self.sales_manager)
        self.lead = handed_off(ready_lead(by=self.marketer), by=self.marketer)
        self.new_lead = ready_lead(by=self.marketer, email="new@x.nl")
        self.round = open_round(self.manager, [self.marketer, self.salesperson])
        self.statement = self.round.questionnaire.statements.first()
        self.item = create_action_item(
            title="T", owner=self.marketer, due_date=timezone.localdate(), by=self.manager
        )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield World()


def _future() -> str:
    return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


# (name, persona, method, path, data): "{n}" is replaced by the oversized number.
CASES = [
    ("page", "marketer", "get", "/leads/", {"page": "{n}"}),
    ("page-notifications", "marketer", "get", "/notifications/", {"page": "{n}"}),
    ("page-handoff", "marketer", "get", "/handoff/", {"page": "{n}"}),
    ("page-rejected", "marketer", "get", "/rejected/", {"page": "{n}"}),
    ("page-queue", "sales_manager", "get", "/queue/", {"page": "{n}"}),
    ("page-actions", "marketer", "get", "/actions/", {"page": "{n}"}),
    ("queue-person", "sales_manager", "get", "/queue/", {"person": "{n}"}),
    ("leads-segment", "marketer", "get", "/leads/", {"segment": "{n}"}),
    ("leads-owner", "marketer", "get", "/leads/", {"owner": "{n}"}),
    ("export-segment", "marketer", "get", "/leads/export.csv", {"segment": "{n}"}),
    ("export-owner", "marketer", "get", "/leads/export.csv", {"owner": "{n}"}),
    ("segments-job", "marketer", "get", "/segments/", {"job": "{n}"}),
    ("agreement-segment", "manager", "get", "/agreement/edit/", {"segment": "{n}"}),
    ("handoff-lead", "marketer", "post", "/handoff/", {"lead": ["{n}"]}),
    (
        "agreement-revision",
        "manager",
        "post",
        "/agreement/edit/",
        {"revision": "{n}", "accept_hours": "{n}"},
    ),
    ("agreement-salespeople", "manager", "post", "/agreement/edit/", {"salespeople": ["{n}"]}),
    (
        "approve-revision",
        "manager",
        "post",
        "/agreement/{w.agreement.pk}/approve/",
        {"team": "marketing", "revision": "{n}"},
    ),
    ("reassign-to", "sales_manager", "post", "/leads/{w.lead.pk}/reassign/", {"to": "{n}"}),
    (
        "reassign-expected-owner",
        "sales_manager",
        "post",
        "/leads/{w.lead.pk}/reassign/",
        {"to": "{w.sales_manager.pk}", "expected_owner": "{n}"},
    ),
    ("lead-owner", "marketer", "post", "/leads/new/", {"email": "a@b.nl", "owner": "{n}"}),
    ("lead-employees", "marketer", "post", "/leads/new/", {"email": "a@b.nl", "employees": "{n}"}),
    (
        "lead-revenue",
        "marketer",
        "post",
        "/leads/new/",
        {"email": "a@b.nl", "annual_revenue": "{n}", "estimated_value": "{n}"},
    ),
    ("segment-owner", "marketer", "post", "/segments/new/", {"name": "S", "owner": "{n}"}),
    (
        "segment-numbers",
        "marketer",
        "post",
        "/segments/new/",
        {"name": "S", "employees_min": "{n}", "industry_weight": "{n}", "revenue_max": "{n}"},
    ),
    ("segment-preview", "marketer", "post", "/segments/preview/", {"employees_min": "{n}"}),
    (
        "round-invitees",
        "manager",
        "post",
        "/assessment/new/",
        {"title": "R", "open_until": "{future}", "invitees": ["{n}"]},
    ),
    (
        "answer-rating",
        "marketer",
        "post",
        "/assessment/{w.round.pk}/answer/",
        {"statement_{w.statement.pk}": "{n}"},
    ),
    (
        "action-owner",
        "manager",
        "post",
        "/assessment/{w.round.pk}/action/liaison/",
        {"owner": "{n}", "due_date": "{future}"},
    ),
    ("notes-filters", "marketer", "get", "/notes/", {"segment": "{n}", "campaign": "{n}"}),
    (
        "note-lead",
        "salesperson",
        "post",
        "/notes/new/",
        {"kind": "other", "text": "t", "lead": "{n}"},
    ),
    (
        "note-segment",
        "salesperson",
        "post",
        "/notes/new/",
        {"kind": "other", "text": "t", "segment": "{n}", "campaign": "{n}"},
    ),
    ("new-note-lead", "salesperson", "get", "/notes/new/", {"lead": "{n}"}),
    (
        "update-segments",
        "marketer",
        "post",
        "/updates/new/",
        {"title": "T", "body": "B", "effective_date": "{future}", "segments": ["{n}"]},
    ),
    ("page-updates", "salesperson", "get", "/updates/", {"page": "{n}"}),
    (
        "action-edit-owner",
        "manager",
        "post",
        "/actions/{w.item.pk}/edit/",
        {"title": "T", "owner": "{n}", "due_date": "{future}", "status": "open"},
    ),
    ("path-note", "marketer", "get", "/notes/{n}/", {}),
    ("path-note-reply", "marketer", "post", "/notes/{n}/reply/", {"text": "t"}),
    ("path-update", "marketer", "get", "/updates/{n}/", {}),
    ("path-action-edit", "manager", "get", "/actions/{n}/edit/", {}),
    ("path-person", "marketer", "get", "/people/{n}/", {}),
    ("path-lead", "marketer", "get", "/leads/{n}/", {}),
    ("path-accept", "salesperson", "post", "/leads/{n}/accept/", {}),
    ("path-job", "marketer", "get", "/jobs/{n}/", {}),
    ("path-agreement", "marketer", "get", "/agreement/{n}/", {}),
    ("path-round", "manager", "get", "/assessment/{n}/", {}),
    ("path-action", "marketer", "post", "/actions/{n}/done/", {}),
    ("path-notification", "marketer", "post", "/notifications/{n}/open/", {}),
    ("path-token", "manager", "get", "/api-tokens/{n}/revoke/", {}),
    ("path-import", "marketer", "get", "/leads/import/{n}/", {}),
]


def _fill(value, world: World, number: str):
    if isinstance(value, list):
        return [_fill(item, world, number) for item in value]
    return value.replace("{n}", number).replace("{future}", _future()).format(w=world)


def _stored() -> dict:
    models = [Lead, LeadEvent, Segment, HandoffAgreement, Round, Answer, ActionItem]
    models += [FieldNote, ProductUpdate]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("name", "persona", "method", "path", "data"), CASES, ids=[case[0] for case in CASES]
)
def test_an_oversized_number_is_never_a_server_error(
    db, world, size, name, persona, method, path, data
):
    client = Client(raise_request_exception=True)
    client.force_login(getattr(world, persona).user)
    number = SIZES[size]
    values = {key.format(w=world): _fill(value, world, number) for key, value in data.items()}
    before = _stored()
    response = getattr(client, method)(_fill(path, world, number), values)
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    assert _stored() == before


@pytest.mark.parametrize("number", [str(2**63), "9" * 30])
def test_ids_no_column_holds_are_refused_before_any_query(db, django_assert_num_queries, number):
    # On SQLite such an id in an IN list raised OverflowError (a 500); on PostgreSQL the
    # query ran. Now neither backend is asked.
    from relationships.assessment.forms import RoundForm

    form = RoundForm({"title": "R", "open_until": _future(), "invitees": [number]})
    with django_assert_num_queries(0):
        assert "invitees" in form.errors
