"""The agenda's sections, built from the data: each section's facts are plain values
(text, numbers, ISO dates) so that closing a meeting can store exactly what was shown,
and a frozen agenda renders from the stored facts with the same templates.

A meeting looks back on the week before its own (Monday to Sunday) for the figures,
and on the time since the previous meeting for notes and updates.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from dashboards.dashboard import queries as figures
from dashboards.kpis.catalogue import FUNNEL
from dashboards.kpis.periods import start_of
from dashboards.models import Meeting, MeetingAction, PeriodKind, Section
from leads.campaigns import deals
from leads.campaigns import queries as campaigns
from leads.handoff import queries as handoff
from relationships.accounts import queries as accounts
from relationships.actions import queries as actions
from relationships.notes import queries as notes
from relationships.rotation import queries as rotations
from relationships.updates import queries as updates

# The figures a room can read at once: the handoff, the deals and what both share.
MEETING_KPIS = ["new_leads", "mqls", "acceptance_rate", "sal_to_sql", "win_rate",
                "won_revenue", "pipeline_value", "accept_sla", "cost_per_mql"]  # fmt: skip
LIST_LENGTH = 12
CAMPAIGN_WEEKS = 2


@dataclass(frozen=True)
class Span:
    """What a meeting looks at: last week, and the time since the previous meeting."""

    week_start: date
    week_end: date
    since: datetime
    until: datetime
    today: date
    # What several sections read (last week's figures), read once per agenda.
    shared: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def week_since(self) -> datetime:
        return _midnight(self.week_start)

    @property
    def week_until(self) -> datetime:
        return _midnight(self.week_end + timedelta(days=1))


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def span_of(meeting: Meeting, previous_start: datetime | None, now: datetime) -> Span:
    """`previous_start`: when the meeting before this one started (None: there was none)."""
    until = min(now, meeting.closed_at or now)
    since = previous_start or meeting.starts_at - timedelta(days=7)
    return Span(
        week_start=meeting.week - timedelta(days=7),
        week_end=meeting.week - timedelta(days=1),
        since=min(since, until),
        until=until,
        today=timezone.localdate(until),
    )


def plain(facts: dict) -> dict:
    """The facts as stored (JSON): decimals and dates become text, as a frozen agenda
    reads them back, so a live and a frozen agenda render alike."""
    return json.loads(json.dumps(facts, cls=DjangoJSONEncoder))


# The sections -------------------------------------------------------------------------


def _week_figures(span: Span) -> tuple[list, dict]:
    """Last week's figures (tiles, rows), or none when the nightly run has not reached that
    week yet: the latest week before it would pass for last week's."""
    if "week" not in span.shared:
        span.shared["week"] = figures.key_figures(period=PeriodKind.WEEK, day=span.week_end)
    window, tiles, rows = span.shared["week"]
    if window is None or window.start != span.week_start:
        return [], {}
    return tiles, rows


def _quarter_figures(span: Span) -> tuple[date | None, list]:
    """The quarter to the end of last week (its start, tiles), if it has figures."""
    window, tiles, _rows = figures.key_figures(period=PeriodKind.QUARTER, day=span.week_end)
    if window is None or window.start != start_of(PeriodKind.QUARTER, span.week_end):
        return None, []
    return window.start, tiles


def kpis(meeting: Meeting, span: Span) -> dict:
    week, _rows = _week_figures(span)
    quarter_start, quarter = _quarter_figures(span)
    by_key = {tile.kpi.key: tile for tile in quarter}
    rows = []
    for tile in week:
        if tile.kpi.key not in MEETING_KPIS:
            continue
        in_quarter = by_key.get(tile.kpi.key)
        rows.append({
            "key": tile.kpi.key,
            "week": tile.value,
            "week_before": tile.previous,
            "quarter": in_quarter.value if in_quarter else None,
            "target": in_quarter.target.value if in_quarter and in_quarter.target else None,
            "joint": bool(in_quarter and in_quarter.joint),
            "light": in_quarter.reading.light if in_quarter else "none",
            "progress": in_quarter.reading.progress if in_quarter else None,
        })  # fmt: skip
    rows.sort(key=lambda row: MEETING_KPIS.index(row["key"]))
    return {"week_start": span.week_start, "week_end": span.week_end,
            "quarter_start": quarter_start, "rows": rows}  # fmt: skip


def funnel(meeting: Meeting, span: Span) -> dict:
    _tiles, rows = _week_figures(span)

    def count(kpi: str, part: str = "value"):
        row = rows.get((kpi, ""))
        return getattr(row, part) if row else None

    missed = handoff.breaches_between(span.week_since, span.week_until, limit=LIST_LENGTH)
    return {
        "steps": [
            {"label": step.key,
             "count": count(step.kpi, "numerator" if step.converted else "value")}
            for step in FUNNEL
        ],
        "accept_sla": count("accept_sla"),
        "first_contact_sla": count("first_contact_sla"),
        "missed": [
            {"lead": clock.lead.full_name or clock.lead.email, "company": clock.lead.company,
             "lead_id": clock.lead_id, "kind": clock.kind,
             "owner": clock.owner.name if clock.owner else "", "at": clock.breached_at}
            for clock in missed
        ],
    }  # fmt: skip


def rejections(meeting: Meeting, span: Span) -> dict:
    _tiles, rows = _week_figures(span)
    reasons = sorted(
        ((dimension, row.value) for (kpi, dimension), row in rows.items()
         if kpi == "rejection_reasons"),
        key=lambda item: -item[1],
    )  # fmt: skip
    latest = handoff.rejections_between(span.week_since, span.week_until, limit=LIST_LENGTH)
    return {
        "reasons": [{"reason": reason, "count": count} for reason, count in reasons],
        "leads": [
            {"lead": event.lead.full_name or event.lead.email, "company": event.lead.company,
             "lead_id": event.lead_id, "reason": event.reason, "note": event.note,
             "by": event.by.name if event.by else ""}
            for event in latest
        ],
    }  # fmt: skip


def important_deals(meeting: Meeting, span: Span) -> dict:
    threshold = meeting.deal_threshold
    closed = deals.closed_between(
        span.week_since, span.week_until, at_least=threshold, limit=LIST_LENGTH
    )
    open_deals = deals.in_play(at_least=threshold, limit=LIST_LENGTH)
    return {
        "threshold": threshold,
        "closed": [
            {"lead": e.lead.full_name or e.lead.email, "company": e.lead.company,
             "lead_id": e.lead_id, "won": e.to_stage == "won", "amount": e.amount,
             "by": e.by.name if e.by else "", "reason": e.reason}
            for e in closed
        ],
        "open": [
            {"lead": lead.full_name or lead.email, "company": lead.company, "lead_id": lead.pk,
             "stage": lead.stage, "amount": lead.estimated_value, "close_date": lead.close_date,
             "owner": lead.owner.name if lead.owner else ""}
            for lead in open_deals
        ],
    }  # fmt: skip


def coming_campaigns(meeting: Meeting, span: Span) -> dict:
    coming = campaigns.coming(span.today, weeks=CAMPAIGN_WEEKS)
    return {
        "campaigns": [
            {"id": c.pk, "name": c.name, "start": c.start_date, "end": c.end_date,
             "channel": c.channel, "offer": c.offer, "talking_points": c.talking_points,
             "owner": c.owner.name, "segments": [s.name for s in c.segments.all()]}
            for c in coming
        ],
        "weeks": CAMPAIGN_WEEKS,
    }  # fmt: skip


def product_updates(meeting: Meeting, span: Span) -> dict:
    news = updates.updates_between(span.since, span.until)
    return {
        "updates": [
            {"id": u.pk, "title": u.title, "body": u.body, "effective": u.effective_date,
             "author": u.author.name, "segments": [s.name for s in u.segments.all()]}
            for u in news
        ]
    }  # fmt: skip


def field_notes(meeting: Meeting, span: Span) -> dict:
    """What sales heard from customers, and what people learned working in the other
    team (a job rotation's learnings), since the previous meeting."""
    heard = notes.notes_between(span.since, span.until)
    learned = rotations.learnings_between(span.since, span.until)
    return {
        "learnings": [
            {"id": r.pk, "person": r.person.name, "team": r.host_team, "text": r.learnings,
             "at": r.learnings_at}
            for r in learned
        ],
        "notes": [
            {"id": n.pk, "kind": n.kind, "text": n.text, "author": n.author.name,
             "at": n.created_at, "lead": n.lead.full_name if n.lead else "",
             "lead_id": n.lead_id, "segment": n.segment.name if n.segment else "",
             "campaign": n.campaign.name if n.campaign else "",
             "acknowledged": n.acknowledged_at is not None, "replies": len(n.replies.all())}
            for n in heard
        ]
    }  # fmt: skip


def key_accounts(meeting: Meeting, span: Span) -> dict:
    """Next steps of the key accounts due this week or overdue, and the quiet accounts."""
    return accounts.meeting_facts(span.today)


def action_items(meeting: Meeting, span: Span) -> dict:
    new_here = {
        link.action_id
        for link in MeetingAction.objects.filter(item__meeting=meeting).only("action_id")
    }
    return {
        "items": [
            {"id": item.pk, "title": item.title, "owner": item.owner.name,
             "due": item.due_date, "overdue": item.due_date < span.today,
             "source": item.source, "new": item.pk in new_here}
            for item in actions.open_items(span.today)
        ]
    }  # fmt: skip


BUILDERS = {
    Section.KPIS: kpis,
    Section.FUNNEL: funnel,
    Section.REJECTIONS: rejections,
    Section.DEALS: important_deals,
    Section.CAMPAIGNS: coming_campaigns,
    Section.UPDATES: product_updates,
    Section.NOTES: field_notes,
    Section.ACCOUNTS: key_accounts,
    Section.ACTIONS: action_items,
}


def facts_of(meeting: Meeting, section: str, span: Span) -> dict | None:
    """A section's facts as they are now; None for a free agenda item."""
    build = BUILDERS.get(section)
    return plain(build(meeting, span)) if build else None
