"""Test data for the lifecycle tests: an approved agreement and leads ready for handoff,
all made through the app's own services."""

from alignment.models import Person, TeamCode
from leads.agreement import services as agreements
from leads.handoff import services as lifecycle
from leads.models import HandoffAgreement, Lead, Segment
from tests.leads.helpers import make_lead, make_segment

READY = {
    "company": "Van Dijk Metaal",
    "industry": "manufacturing",
    "employees": 120,
    "country": "NL",
    "job_title": "Operations director",
    "phone": "+31 6 1234 5678",
}


def make_agreement(
    *,
    marketing: Person,
    sales: Person,
    segment: Segment | None = None,
    salespeople: list[Person] | None = None,
    **values,
) -> HandoffAgreement:
    """A version drafted by the marketing manager and approved by both managers."""
    rules = HandoffAgreement().rules() | {"working_hours_only": False} | values
    draft = agreements.save_draft(
        segment=segment, values=rules, salespeople=salespeople or [], by=marketing
    )
    for person, team in ((marketing, TeamCode.MARKETING), (sales, TeamCode.SALES)):
        agreements.approve(agreement_id=draft.pk, team=team, by=person, revision=draft.revision)
    draft.refresh_from_db()
    return draft


def ready_lead(*, by: Person, **values) -> Lead:
    """A new lead that fits the manufacturing profile well (fit 100)."""
    if not Segment.objects.exists():
        make_segment(by=by)
    return make_lead(**(READY | values))


def handed_off(lead: Lead, *, by: Person) -> Lead:
    done, refused = lifecycle.hand_off(lead_ids=[lead.pk], by=by)
    assert not refused, refused
    lead.refresh_from_db()
    return lead
