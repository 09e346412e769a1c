"""Reads of segments and their profiles, the facts of a lead the score looks at, and what
an edit of a profile would do to every segment."""

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from alignment.models import Person
from leads.models import FitCount, IdealCustomerProfile, Lead, Segment
from leads.models.leads import SAMPLE_SLOTS
from leads.profiles import scoring, scoring_sql


def profile_of(icp: IdealCustomerProfile) -> scoring.Profile:
    values = {name: getattr(icp, name) for name in scoring.PROFILE_FIELDS}
    return scoring.profile_from(icp.segment_id, values, segment_name=icp.segment.name)


def active_profiles() -> list[scoring.Profile]:
    icps = IdealCustomerProfile.objects.filter(segment__active=True).select_related("segment")
    return [profile_of(icp) for icp in icps.order_by("segment_id")]


def facts_of(lead: Lead) -> scoring.LeadFacts:
    return scoring.LeadFacts(
        email=lead.email,
        company=lead.company,
        job_title=lead.job_title,
        industry=lead.industry,
        employees=lead.employees,
        annual_revenue=lead.annual_revenue,
        country=lead.country,
    )


def _leads_of_segment(scores: Q | None = None) -> Coalesce:
    """The number of leads whose best segment is the outer one (with a score in `scores`),
    from the kept counts: at most a hundred and one rows a segment, whatever the leads."""
    counts = FitCount.objects.filter(scores or Q(), segment_key=OuterRef("pk"))
    counts = counts.values("segment_key")
    return Coalesce(Subquery(counts.annotate(n=Sum("leads")).values("n")), 0)


def segments_overview() -> QuerySet[Segment]:
    salespeople = Prefetch("salespeople", queryset=Person.objects.select_related("user"))
    return (
        Segment.objects.select_related("icp", "owner__user")
        .prefetch_related(salespeople)
        .annotate(
            lead_count=_leads_of_segment(),
            high_fit=_leads_of_segment(Q(score__gte=scoring.HIGH_FIT)),
        )
    )


def segment_for_editing(pk: int) -> Segment:
    return Segment.objects.select_related("icp").prefetch_related("salespeople").get(pk=pk)


def lead_count() -> int:
    """Every lead has a fit row from the moment it is written, so the kept counts hold
    the number of leads too, without counting a million rows."""
    return FitCount.objects.aggregate(n=Sum("leads", default=0))["n"]


# The editor's preview scores at most about this many leads (every k-th by id beyond it):
# it runs as the user types, and scoring all of a million leads takes seconds
# (bench/segment_preview.py).
PREVIEW_SAMPLE = 20_000
# The id a segment that is still being created scores under: the highest, so it loses
# every tie, as the newest segment does once it is saved.
NEW_SEGMENT = scoring_sql.SLOT - 1


@dataclass(frozen=True)
class SegmentChange:
    """One segment's leads and high-fit leads, now and after the edit."""

    segment_id: int | None
    name: str
    edited: bool
    leads_now: int
    leads_after: int
    high_now: int
    high_after: int


@dataclass(frozen=True)
class Move:
    """Leads whose best segment changes from `source` to `target` ("" is no segment)."""

    source: str
    target: str
    leads: int


@dataclass(frozen=True)
class EditEffect:
    segments: list[SegmentChange]
    moves: list[Move]
    total: int
    counted: int
    margin: int  # ± for every figure, 95 % confidence; 0 when every lead was counted

    @property
    def exact(self) -> bool:
        return self.counted == self.total

    @property
    def sample_every(self) -> int:
        return round(self.total / self.counted) if self.counted else 1


def edit_effect(
    *, segment: Segment | None, values: dict, active: bool, name: str = ""
) -> EditEffect:
    """What saving this profile would do to every segment: each lead goes to its best
    segment (scoring.best_fit), so a change to one segment takes leads from, or gives
    them to, the others. "Now" is scored on the profiles as they are, with the same
    definition, so the difference is the edit's alone.

    Beyond PREVIEW_SAMPLE leads it counts a fixed sample of about that many (models.sample_slot)
    and scales it up, with the margin of that estimate.
    """
    profiles = active_profiles()
    edited_id = segment.pk if segment else NEW_SEGMENT
    others = [p for p in profiles if p.segment_id != edited_id]
    before = next((p for p in profiles if p.segment_id == edited_id), None)
    after = scoring.profile_from(edited_id, values) if active else None
    total = lead_count()
    slots = SAMPLE_SLOTS
    if total > PREVIEW_SAMPLE:
        slots = math.ceil(SAMPLE_SLOTS * PREVIEW_SAMPLE / total)
    rows = scoring_sql.edit_outcomes(others=others, before=before, after=after, sample_slots=slots)
    leads_now, leads_after, high_now, high_after, moves = (Counter() for _ in range(5))
    for other, old, new, count in rows:
        score_now, now = scoring_sql.unpack(max(other, scoring_sql.pack(old, edited_id)))
        score_after, later = scoring_sql.unpack(max(other, scoring_sql.pack(new, edited_id)))
        leads_now[now] += count
        leads_after[later] += count
        high_now[now] += count if score_now >= scoring.HIGH_FIT else 0
        high_after[later] += count if score_after >= scoring.HIGH_FIT else 0
        if now != later:
            moves[now, later] += count
    counted = sum(count for *_, count in rows)
    scale = total / counted if counted else 0

    def estimate(count: int) -> int:
        return round(count * scale)

    names = {p.segment_id: p.segment_name for p in others}
    names[edited_id] = name or (segment.name if segment else gettext("New segment"))
    shown = [p.segment_id for p in others]
    if before or after:
        shown.append(edited_id)
    changes = [
        SegmentChange(
            segment_id=None if sid == NEW_SEGMENT else sid,
            name=names[sid],
            edited=sid == edited_id,
            leads_now=estimate(leads_now[sid]),
            leads_after=estimate(leads_after[sid]),
            high_now=estimate(high_now[sid]),
            high_after=estimate(high_after[sid]),
        )
        for sid in sorted(shown, key=lambda sid: (sid != edited_id, names[sid].lower()))
    ]
    move_list = [
        Move(source=names.get(a, ""), target=names.get(b, ""), leads=estimate(n))
        for (a, b), n in moves.most_common()
    ]
    figures = [f for c in changes for f in (c.leads_now, c.leads_after, c.high_now, c.high_after)]
    figures += [m.leads for m in move_list]
    return EditEffect(
        segments=changes,
        moves=move_list,
        total=total,
        counted=counted,
        margin=_margin(figures, total=total, counted=counted),
    )


def _margin(figures: list[int], *, total: int, counted: int) -> int:
    """The largest 95 % margin of error among the figures estimated from the sample (a
    proportion's normal approximation, with the finite-population correction)."""
    if not counted or counted >= total:
        return 0
    correction = 1 - counted / total
    widest = max((f / total * (1 - f / total) for f in figures), default=0.0)
    return math.ceil(1.96 * total * math.sqrt(widest / counted * correction))
