"""Random lead histories for the snapshot oracle: every path the lifecycle allows (recycled
and handed off twice, reassigned, corrected deals), spread over a DST change and a year
boundary, written straight to the tables so that the histories are whatever we say."""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from alignment.models import Person
from dashboards.models import BudgetAllocation
from leads.models import (
    Campaign,
    HandoffAgreement,
    Lead,
    LeadEvent,
    LeadFit,
    Segment,
    SlaClock,
    Spend,
    Stage,
)

# From the autumn (the clocks go back on 25 October 2026) over new year.
FIRST = datetime(2026, 10, 1, tzinfo=UTC)
LAST = datetime(2027, 1, 31, tzinfo=UTC)
# The next steps a lead may take from each stage, as the lifecycle allows.
PATHS = {
    Stage.NEW: [Stage.MQL, Stage.MQL, Stage.MQL, Stage.DISQUALIFIED, None],
    Stage.MQL: [Stage.SAL, Stage.SAL, Stage.REJECTED, None],
    Stage.SAL: [Stage.SQL, Stage.SQL, Stage.LOST, None],
    Stage.SQL: [Stage.OPPORTUNITY, Stage.OPPORTUNITY, Stage.LOST, None],
    Stage.OPPORTUNITY: [Stage.WON, Stage.WON, Stage.LOST, None],
    Stage.REJECTED: [Stage.RECYCLED, Stage.DISQUALIFIED, None],
    Stage.RECYCLED: [Stage.MQL, None],
}
REASONS = ["no_need", "no_budget", "not_our_profile", "Te klein"]


@dataclass
class World:
    segments: list[Segment]
    empty_segment: Segment
    campaigns: list[Campaign]


def make(rng: random.Random, *, leads: int, by: Person, seller: Person) -> World:
    segments = [
        Segment.objects.create(name=f"Segment {n}", owner=by) for n in range(3)
    ]  # the last one stays empty
    campaigns = [_campaign(n, by) for n in range(3)]
    agreement = HandoffAgreement.objects.create(version=1, status="active", created_by=by)
    for number in range(leads):
        _lead(rng, number, segments[:2], campaigns, by, seller, agreement)
    _spend(rng, campaigns, by)
    for quarter in (4, 1):
        year = 2026 if quarter == 4 else 2027
        BudgetAllocation.objects.create(year=year, quarter=quarter, team="marketing",
                                        category="campaigns", amount=Decimal(50000),
                                        updated_by=by)  # fmt: skip
    return World(segments, segments[2], campaigns)


def _campaign(number: int, owner: Person) -> Campaign:
    return Campaign.objects.create(
        name=f"Campaign {number}", code=f"C{number}", channel="email",
        start_date=date(2026, 10, 1), end_date=date(2027, 1, 31), owner=owner,
    )  # fmt: skip


def _moment(rng: random.Random, after: datetime) -> datetime:
    """Some time later; now and then just before or after midnight in Amsterdam."""
    moment = after + timedelta(hours=rng.uniform(1, 24 * 12))
    if rng.random() < 0.2:
        moment = moment.replace(hour=rng.choice([22, 23]), minute=rng.choice([10, 50]))
    return min(moment, LAST)


def _lead(rng, number, segments, campaigns, marketer, seller, agreement) -> None:
    created = FIRST + timedelta(hours=rng.uniform(0, 24 * 100))
    lead = Lead.objects.create(
        email=f"lead{number}@example.nl",
        source="import",
        created_at=created,
        estimated_value=rng.choice([None, Decimal(10000), Decimal("2500.50")]),
        source_campaign=rng.choice([None, *campaigns]),
    )
    if rng.random() < 0.9:
        LeadFit.objects.create(
            lead=lead, segment=rng.choice([None, *segments]), score=rng.choice([0, 35, 55, 80])
        )
    stage, at, value = Stage.NEW, created, lead.estimated_value
    while (step := rng.choice(PATHS.get(stage, [None]))) is not None and at < LAST:
        at = _moment(rng, at)
        event = LeadEvent(lead=lead, at=at, by=seller, from_stage=stage, to_stage=step)
        value = _deal(rng, lead, event, value)
        if step == Stage.REJECTED:
            event.reason = rng.choice(REASONS)
        event.save()
        _clocks(rng, lead, event, agreement, seller)
        if rng.random() < 0.15:
            _extra(rng, lead, at, seller, step, value)
        stage = step
    lead.stage = stage
    lead.save()


def _deal(rng, lead: Lead, event: LeadEvent, value):
    step = event.to_stage
    if step == Stage.SQL:
        event.amount = value
    elif step == Stage.OPPORTUNITY:
        value = Decimal(rng.choice([5000, 20000, 120000]))
        event.amount, event.close_date = value, event.at.date() + timedelta(days=30)
        lead.estimated_value, lead.close_date = value, event.close_date
    elif step == Stage.WON:
        # Sometimes won with a close date a few days back.
        event.amount = Decimal(rng.choice([4000, 18000, 150000]))
        event.close_date = event.at.date() - timedelta(days=rng.choice([0, 0, 3]))
        lead.won_amount, lead.close_date = event.amount, event.close_date
    elif step == Stage.LOST:
        event.amount, event.close_date = value, event.at.date()
        lead.close_date = event.close_date
    return value


def _extra(rng, lead: Lead, at: datetime, seller: Person, stage: str, value) -> None:
    """A reassignment, or a correction of an open or won deal."""
    if stage in (Stage.OPPORTUNITY, Stage.WON):
        amount = Decimal(rng.choice([7000, 30000]))
        day = at.date() - timedelta(days=1)
        LeadEvent.objects.create(lead=lead, at=at + timedelta(minutes=5), kind="value",
                                 detail=stage, amount=amount, close_date=day)  # fmt: skip
        if stage == Stage.WON:
            lead.won_amount, lead.close_date = amount, day
        else:
            lead.estimated_value, lead.close_date = amount, day
    else:
        LeadEvent.objects.create(lead=lead, at=at + timedelta(minutes=5), kind="reassign",
                                 assigned_to=seller)  # fmt: skip


def _clocks(rng, lead: Lead, event: LeadEvent, agreement, seller) -> None:
    """The accept clock of a handoff, the first-contact clock of an acceptance: met in
    time, late, breached, or still running."""
    kind = {Stage.MQL: "accept", Stage.SAL: "first_contact"}.get(event.to_stage)
    if kind is None:
        return
    # A lead handed off again stops the clock of its earlier handoff.
    SlaClock.objects.filter(lead=lead, kind=kind, closed_at=None).update(closed_at=event.at)
    due = event.at + timedelta(hours=rng.choice([2, 8, 48]))
    outcome = rng.random()
    met = event.at + timedelta(hours=rng.uniform(0.5, 60)) if outcome < 0.7 else None
    breached = due + timedelta(minutes=3) if (met is None or met > due) and outcome < 0.9 else None
    SlaClock.objects.create(
        lead=lead, kind=kind, agreement=agreement, owner=seller, started_at=event.at,
        due_at=due, met_at=met, closed_at=met, breached_at=breached,
        outcome=("sal" if kind == "accept" else "contact") if met else "",
    )  # fmt: skip


def _spend(rng, campaigns: list[Campaign], by: Person) -> None:
    for number in range(12):
        day = (FIRST + timedelta(days=rng.randint(0, 110))).date()
        campaign = rng.choice([None, *campaigns])
        Spend.objects.create(
            team="marketing" if campaign else "sales", category="campaigns" if campaign else
            "travel", campaign=campaign, date=day, amount=Decimal(rng.choice([250, 1200])),
            description=f"Line {number}", created_by=by,
        )  # fmt: skip
