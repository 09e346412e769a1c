"""Demo lifecycle: an approved handoff agreement (with an earlier version in its history)
and, for every demo lead past "new", a realistic history of events and SLA clocks over the
last twelve months: handoffs, acceptances (mostly in time, some late), rejections with
reasons, first contacts, deals won and lost, recorded breaches.

Deterministic and idempotent: only leads without any event get a history, so a second run
adds nothing and a top-up (--leads) only adds the new leads' histories. Written in bulk
(COPY on PostgreSQL) so it scales with the leads.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from alignment.bulk import chunks, insert_rows
from alignment.models import Person, Role, TeamCode
from leads.agreement import cycle
from leads.handoff.sla import thresholds
from leads.handoff.working_hours import calendar_of, deadline
from leads.models import (
    AgreementApproval,
    Assignment,
    HandoffAgreement,
    Lead,
    LeadEvent,
    RejectionReason,
    SlaClock,
    Source,
    Stage,
)

CHUNK = 20_000
REASON_WEIGHTS = [
    (RejectionReason.CANNOT_REACH, 30), (RejectionReason.NOT_OUR_PROFILE, 22),
    (RejectionReason.NO_NEED, 16), (RejectionReason.NO_BUDGET, 12),
    (RejectionReason.WRONG_CONTACT, 10), (RejectionReason.DUPLICATE, 6),
    (RejectionReason.OTHER, 4),
]  # fmt: skip
# The demo company is Dutch: what its salespeople type is Dutch too.
OTHER_NOTES = [
    "Is al klant via onze wederverkoper.",
    "Studentenproject, geen koper.",
    "Vroeg om een partnerschap, niet om een aankoop.",
]
LOST_REASONS = ["Prijs te hoog", "Koos een concurrent", "Project uitgesteld", "Geen besluit"]
NOTES = ["Wil volgende week een demo.", "Voicemail ingesproken, daarna per e-mail bereikt.", ""]


def seed(*, rng: random.Random) -> None:
    people = {p.user.username: p for p in Person.objects.select_related("user", "team")}
    if not people:
        return
    agreements = _agreements(people)
    if not agreements:
        return
    _histories(rng, people, agreements)


def _dutch_buying_cycle() -> list[dict]:
    """The demo company describes its buying cycle in Dutch: the default map, as typed."""
    with translation.override("nl"):
        return cycle.cleaned([phase.as_dict() for phase in cycle.default_phases()])


def _agreements(people: dict) -> list[HandoffAgreement]:
    """v1 (48 h, round the clock) a year ago, v2 (8 working hours) in force since half a
    year: the history page then shows how the teams tightened the rules."""
    existing = list(HandoffAgreement.objects.filter(segment=None).order_by("version"))
    if existing:
        return existing
    marketing, sales = people.get("manager-marketing"), people.get("manager-sales")
    if marketing is None or sales is None:
        return []
    now = timezone.now()
    year_ago, half_year_ago = now - timedelta(days=380), now - timedelta(days=182)
    first = HandoffAgreement.objects.create(
        version=1, status=HandoffAgreement.Status.SUPERSEDED, min_fit_score=50,
        accept_hours=48, first_contact_hours=72, working_hours_only=False,
        assignment=Assignment.ROUND_ROBIN, recycle_days=60, created_by=marketing,
        created_at=year_ago, activated_at=year_ago + timedelta(days=2),
        change_note="Eerste afspraak: elke lead binnen twee dagen beoordeeld.",
    )  # fmt: skip
    second = HandoffAgreement.objects.create(
        version=2, status=HandoffAgreement.Status.ACTIVE, min_fit_score=60,
        required_fields=["company", "phone"], accept_hours=8, first_contact_hours=16,
        working_hours_only=True, work_start=time(9), work_end=time(17),
        assignment=Assignment.ROUND_ROBIN, recycle_days=90, created_by=sales,
        created_at=half_year_ago, activated_at=half_year_ago + timedelta(days=1),
        change_note="Sneller opvolgen: binnen één werkdag accepteren, binnen twee werkdagen "
        "eerste contact. Alleen leads met bedrijf en telefoonnummer. De koopcyclus erbij: "
        "wie doet wat, van eerste behoefte tot trouwe klant.",
        buying_cycle=_dutch_buying_cycle(),
    )  # fmt: skip
    for version in (first, second):
        approved = version.activated_at
        AgreementApproval.objects.create(
            agreement=version, team=TeamCode.MARKETING, by=marketing, at=approved
        )
        AgreementApproval.objects.create(
            agreement=version, team=TeamCode.SALES, by=sales, at=approved - timedelta(hours=3)
        )
    return [first, second]


def _histories(rng: random.Random, people: dict, agreements: list[HandoffAgreement]) -> None:
    sellers = [p.pk for p in people.values() if p.role == Role.SALESPERSON]
    marketers = [p.pk for p in people.values() if p.role == Role.MARKETER]
    if not sellers or not marketers:
        return
    # "verkoper" gets a larger share, so the demo login has a full queue.
    if "verkoper" in people:
        sellers.append(people["verkoper"].pk)
    history = Story(rng, sellers, marketers, agreements, timezone.now())
    without_events = (
        Lead.objects.filter(source=Source.DEMO)
        .exclude(stage=Stage.NEW)
        .filter(~Exists(LeadEvent.objects.filter(lead=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "stage", "created_at", "owner_id", "estimated_value")
    )
    batch: list[tuple] = []
    for row in without_events.iterator(chunk_size=CHUNK):
        batch.append(row)
        if len(batch) == CHUNK:
            _write_batch(history, batch)
            batch = []
    if batch:
        _write_batch(history, batch)


def _write_batch(history: "Story", rows: list[tuple]) -> None:
    events, clocks, owners, stages, deals = [], [], {}, {}, []
    for pk, stage, created, owner, value in rows:
        story = history.tell(pk, stage, created, owner, value)
        events += story.events
        clocks += story.clocks
        if story.owner != owner:
            owners[pk] = story.owner
        if story.stage != stage:
            stages[pk] = story.stage
        if story.deal:
            deals.append(Lead(pk=pk, **story.deal))
    insert_rows(LeadEvent, EVENT_COLUMNS, events)
    insert_rows(SlaClock, CLOCK_COLUMNS, clocks)
    _update_in_groups("owner_id", owners)
    _update_in_groups("stage", stages)
    Lead.objects.bulk_update(deals, ["close_date", "won_amount"], batch_size=1000)


EVENT_COLUMNS = ["lead_id", "kind", "by_id", "at", "from_stage", "to_stage", "reason", "note",
                 "assigned_to_id", "detail", "amount", "close_date"]  # fmt: skip
CLOCK_COLUMNS = ["lead_id", "kind", "agreement_id", "owner_id", "started_at", "due_at", "closed_at",
                 "met_at", "breached_at", "outcome", "soon_at", "urgent_at"]  # fmt: skip


class Told:
    def __init__(self, owner, stage):
        self.events: list[tuple] = []
        self.clocks: list[tuple] = []
        self.owner, self.stage = owner, stage
        self.waiting_contact = False
        self.deal: dict = {}  # the lead's close date and won amount, when it has a deal


class Story:
    """Makes up one lead's history, consistent with the stage it is in now."""

    def __init__(self, rng, sellers, marketers, agreements, now: datetime):
        self.rng, self.sellers, self.marketers = rng, sellers, marketers
        self.agreements, self.now = agreements, now
        self.turn = 0

    def _agreement_at(self, moment: datetime) -> HandoffAgreement:
        in_force = [a for a in self.agreements if a.activated_at and a.activated_at <= moment]
        return in_force[-1] if in_force else self.agreements[0]

    def _after(self, moment: datetime, hours: float) -> datetime:
        return min(moment + timedelta(hours=hours), self.now - timedelta(minutes=5))

    def tell(self, pk: int, stage: str, created: datetime, owner: int | None, value) -> Told:
        rng = self.rng
        told = Told(owner, stage)
        self.value = value
        marketer = rng.choice(self.marketers)
        if stage == Stage.DISQUALIFIED and rng.random() < 0.5:
            at = self._after(created, rng.uniform(2, 400))
            told.events.append(_event(pk, "stage", marketer, at, Stage.NEW, Stage.DISQUALIFIED))
            return told
        seller = owner or self._next_seller()
        told.owner = seller
        if stage == Stage.MQL and created < self.now - timedelta(days=10) and rng.random() < 0.85:
            # Nobody leaves a lead waiting for weeks: older handoffs were answered long ago.
            stage = told.stage = Stage.SAL if rng.random() < 0.7 else Stage.REJECTED
        # Handed off or accepted in the last days: the live queue.
        waiting = stage == Stage.MQL
        told.waiting_contact = stage == Stage.SAL and rng.random() < 0.25
        if waiting:  # spread over the whole clock, some past it, whatever day it is now
            handoff = max(created, self._back(self.now, rng.uniform(0.1, 11)))
        elif told.waiting_contact:
            accepted = max(created, self._back(self.now, rng.uniform(0.1, 21)))
            handoff = max(created, self._back(accepted, rng.uniform(0.1, 6)))
        else:
            # Handed off within a few weeks, leaving the lead time for its later steps.
            age = (self.now - created).total_seconds() / 3600
            handoff = self._after(created, min(rng.uniform(1, 24 * 20), age * 0.2))
        agreement = self._agreement_at(handoff)
        told.events.append(
            _event(
                pk,
                "stage",
                marketer,
                handoff,
                Stage.NEW,
                Stage.MQL,
                assigned=seller,
                detail=agreement.assignment,
            )  # fmt: skip
        )
        accept_due = deadline(handoff, agreement.accept_hours, calendar_of(agreement))
        if waiting:
            self._open_clock(told, pk, "accept", agreement, handoff, accept_due, seller)
            return told
        decided = (
            accepted if told.waiting_contact else self._after(handoff, rng.lognormvariate(1.6, 1.0))
        )
        rejected = stage in (Stage.REJECTED, Stage.RECYCLED, Stage.DISQUALIFIED)
        outcome = Stage.REJECTED if rejected else Stage.SAL
        self._closed_clock(told, pk, "accept", agreement, handoff, accept_due, decided, outcome,
                           seller)  # fmt: skip
        if rejected:
            return self._rejection(told, pk, stage, decided, seller, marketer)
        told.events.append(_event(pk, "stage", seller, decided, Stage.MQL, Stage.SAL))
        return self._sales(told, pk, stage, decided, seller, agreement)

    def _back(self, end: datetime, hours: float) -> datetime:
        """The moment `hours` working hours (of the agreement now in force) before `end`."""
        calendar = calendar_of(self.agreements[-1])
        if calendar is None:
            return end - timedelta(hours=hours)
        left = timedelta(hours=hours)
        day = end.astimezone(calendar.zone).date()
        while True:
            if day.weekday() in calendar.days:
                start = datetime.combine(day, calendar.start, tzinfo=calendar.zone)
                stop = min(datetime.combine(day, calendar.end, tzinfo=calendar.zone), end)
                if stop > start:
                    if stop - start >= left:
                        return stop - left
                    left -= stop - start
            day -= timedelta(days=1)

    def _next_seller(self) -> int:
        self.turn += 1
        return self.sellers[self.turn % len(self.sellers)]

    def _rejection(self, told, pk, stage, decided, seller, marketer) -> Told:
        rng = self.rng
        reason = rng.choices([r for r, _ in REASON_WEIGHTS], [w for _, w in REASON_WEIGHTS])[0]
        note = rng.choice(OTHER_NOTES) if reason == RejectionReason.OTHER else ""
        told.events.append(
            _event(
                pk, "stage", seller, decided, Stage.MQL, Stage.REJECTED, reason=reason, note=note
            )
        )
        if stage in (Stage.RECYCLED, Stage.DISQUALIFIED):
            later = self._after(decided, rng.uniform(4, 24 * 10))
            told.events.append(_event(pk, "stage", marketer, later, Stage.REJECTED, stage))
            if stage == Stage.RECYCLED:
                told.owner = None
        return told

    def _sales(self, told, pk, stage, accepted, seller, agreement) -> Told:
        rng = self.rng
        contact_due = deadline(accepted, agreement.first_contact_hours, calendar_of(agreement))
        if told.waiting_contact:  # still to be contacted: the queue
            self._open_clock(told, pk, "first_contact", agreement, accepted, contact_due, seller)
            return told
        contacted = self._after(accepted, rng.lognormvariate(2.2, 0.9))
        self._closed_clock(told, pk, "first_contact", agreement, accepted, contact_due, contacted,
                           "contact", seller)  # fmt: skip
        told.events.append(
            _event(
                pk,
                "contact",
                seller,
                contacted,
                "",
                "",
                note=rng.choice(NOTES),
                detail=rng.choice(["call", "call", "email", "meeting"]),
            )  # fmt: skip
        )
        path = {
            Stage.SAL: [], Stage.SQL: [Stage.SQL],
            Stage.OPPORTUNITY: [Stage.SQL, Stage.OPPORTUNITY],
            Stage.WON: [Stage.SQL, Stage.OPPORTUNITY, Stage.WON],
            Stage.LOST: [Stage.SQL, Stage.OPPORTUNITY, Stage.LOST][: rng.choice([0, 1, 2, 3])],
        }[stage]  # fmt: skip
        if stage == Stage.LOST and (not path or path[-1] != Stage.LOST):
            path.append(Stage.LOST)
        previous, moment = Stage.SAL, contacted
        # The steps take days to weeks; a recent lead's steps are squeezed into the time
        # it has had, so it reached its stage by now (and not all of them today).
        gaps = [rng.uniform(24, 24 * 25) for _ in path]
        room = (self.now - timedelta(hours=1) - contacted).total_seconds() / 3600
        room *= rng.uniform(0.3, 1.0)
        squeeze = max(0.0, min(1.0, room / sum(gaps))) if gaps else 1.0
        for step, gap in zip(path, gaps, strict=True):
            moment = self._after(moment, gap * squeeze)
            reason = rng.choice(LOST_REASONS) if step == Stage.LOST else ""
            deal = self._deal(told, step, moment)
            told.events.append(
                _event(pk, "stage", seller, moment, previous, step, reason=reason, **deal)
            )
            previous = step
        return told

    def _deal(self, told: Told, step: str, moment: datetime) -> dict:
        """The deal's figures recorded with the step, and kept on the lead (as the app's
        services do): an expected close date for an opportunity, the amount and day of a
        win, the day of a loss with the last expected value."""
        day = timezone.localdate(moment)
        if step == Stage.SQL:
            return {"amount": self.value}
        if step == Stage.OPPORTUNITY:
            expected = day + timedelta(days=self.rng.randint(20, 90))
            told.deal = {"close_date": expected}
            return {"amount": self.value, "close_date": expected}
        if step == Stage.WON:
            amount = (self.value * Decimal(self.rng.uniform(0.8, 1.1))).quantize(Decimal(100))
            told.deal = {"close_date": day, "won_amount": amount}
            return {"amount": amount, "close_date": day}
        if step == Stage.LOST:
            told.deal = {"close_date": day}
            return {"amount": self.value, "close_date": day}
        return {}

    def _open_clock(self, told, pk, kind, agreement, started, due, seller) -> None:
        # A running clock past its deadline is left for the breach scan, as after downtime:
        # its first run (at the start of bin/serve) flags it and tells the people.
        soon, urgent = thresholds(started=started, due=due, calendar=calendar_of(agreement))
        told.clocks.append(
            (pk, kind, agreement.pk, seller, started, due, None, None, None, "", soon, urgent)
        )

    def _closed_clock(self, told, pk, kind, agreement, started, due, met, outcome, seller) -> None:
        # A late answer that outlived a scan (every five minutes) was flagged on the way.
        breached = due + timedelta(minutes=3) if met > due + timedelta(minutes=3) else None
        told.clocks.append(
            (pk, kind, agreement.pk, seller, started, due, met, met, breached, outcome, None, None)
        )
        if breached:
            told.events.append(_event(pk, "breach", None, breached, "", "", assigned=seller,
                                      detail=kind))  # fmt: skip


def _event(pk, kind, by, at, from_stage, to_stage, *, reason="", note="", assigned=None,
           detail="", amount=None, close_date=None) -> tuple:  # fmt: skip
    return (pk, kind, by, at, from_stage, to_stage, reason, note, assigned, detail, amount,
            close_date)  # fmt: skip


def _update_in_groups(field: str, values: dict[int, object]) -> None:
    """One UPDATE per distinct value (and 5,000 ids), not one per lead."""
    groups: dict[object, list[int]] = {}
    for pk, value in values.items():
        groups.setdefault(value, []).append(pk)
    for value, ids in groups.items():
        for chunk in chunks(ids, 5000):
            Lead.objects.filter(pk__in=chunk).update(**{field: value})
