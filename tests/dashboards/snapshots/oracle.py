"""Every KPI of one window, computed a second, independent way: in plain Python, from the
raw rows of leads, events, clocks and spend, following the definitions of the catalogue
word for word. Slow and obvious on purpose; the snapshots must equal it."""

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from dashboards.models import BudgetAllocation
from leads.models import Lead, LeadEvent, SlaClock, Spend

ZONE = ZoneInfo(settings.TIME_ZONE)
OPEN = ("sql", "opportunity")
Q4 = Decimal("0.0001")


def local_day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def ratio(numerator, denominator):
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Q4)


def band(score: int | None) -> str:
    score = score or 0
    return "high" if score >= 70 else "medium" if score >= 40 else "low"


@dataclass
class Raw:
    leads: dict[int, dict]
    events: list[dict]
    clocks: list[dict]
    spend: list[dict]
    plan: dict[tuple[int, int], Decimal]

    @classmethod
    def load(cls) -> "Raw":
        leads = {
            row["pk"]: row
            for row in Lead.objects.values(
                "pk",
                "created_at",
                "stage",
                "won_amount",
                "close_date",
                "source_campaign",
                "fit__segment",
                "fit__score",
            )  # fmt: skip
        }
        events = list(LeadEvent.objects.order_by("at", "pk").values())
        clocks = list(SlaClock.objects.values())
        spend = list(Spend.objects.values())
        plan = Counter()
        for row in BudgetAllocation.objects.values():
            plan[row["year"], row["quarter"]] += row["amount"]
        return cls(leads, events, clocks, spend, dict(plan))


class Window:
    def __init__(self, raw: Raw, start: date, end: date, segment: int | None, now: datetime):
        self.raw, self.start, self.end, self.segment, self.now = raw, start, end, segment, now

    def mine(self, lead_id: int) -> bool:
        return self.segment is None or self.raw.leads[lead_id]["fit__segment"] == self.segment

    def inside(self, day: date) -> bool:
        return self.start <= day <= self.end

    def stage_events(self, band_name: str | None = None) -> list[dict]:
        return [
            e for e in self.raw.events
            if e["kind"] == "stage" and self.mine(e["lead_id"]) and self.inside(local_day(e["at"]))
            and (band_name is None or band(self.raw.leads[e["lead_id"]]["fit__score"]) == band_name)
        ]  # fmt: skip

    def won_leads(self) -> list[dict]:
        return [
            lead for pk, lead in self.raw.leads.items()
            if lead["stage"] == "won" and self.mine(pk) and self.inside(lead["close_date"])
        ]  # fmt: skip

    def pipeline(self) -> Decimal:
        until = datetime.combine(self.end + timedelta(days=1), time(), tzinfo=ZONE)
        last = {}
        for event in self.raw.events:
            relevant = (event["kind"] == "stage" and event["to_stage"] in (*OPEN, "won", "lost")
                        or event["kind"] == "value")  # fmt: skip
            if relevant and event["at"] < until and self.mine(event["lead_id"]):
                last[event["lead_id"]] = event
        total = Decimal(0)
        for event in last.values():
            state = event["detail"] if event["kind"] == "value" else event["to_stage"]
            if state in OPEN:
                total += event["amount"] or 0
        return total

    def first_handoff(self, lead_id: int) -> date | None:
        handoffs = [e["at"] for e in self.raw.events
                    if e["lead_id"] == lead_id and e["to_stage"] == "mql"]  # fmt: skip
        return local_day(min(handoffs)) if handoffs else None

    def sla(self, kind: str):
        due = [c for c in self.raw.clocks
               if c["kind"] == kind and self.mine(c["lead_id"])
               and self.inside(local_day(c["due_at"]))]  # fmt: skip
        measured = [c for c in due if c["met_at"] or c["breached_at"]
                    or (c["closed_at"] is None and c["due_at"] <= self.now)]  # fmt: skip
        on_time = [c for c in due if c["met_at"] and c["met_at"] <= c["due_at"]]
        return ratio(len(on_time), len(measured))

    def median_accept(self):
        hours = [(c["met_at"] - c["started_at"]).total_seconds() / 3600
                 for c in self.raw.clocks
                 if c["kind"] == "accept" and c["outcome"] == "sal" and c["met_at"]
                 and self.mine(c["lead_id"]) and self.inside(local_day(c["met_at"]))]  # fmt: skip
        if not hours:
            return None
        return Decimal(str(statistics.median(hours))).quantize(Q4)

    def spend(self, campaign=None, campaigns_only=False) -> Decimal:
        return sum(
            (s["amount"] for s in self.raw.spend if self.inside(s["date"])
             and (not campaigns_only or s["campaign_id"])
             and (campaign is None or s["campaign_id"] == campaign)),
            Decimal(0),
        )  # fmt: skip

    def plan(self) -> Decimal:
        total, day = Decimal(0), self.start
        while day <= self.end:
            quarter = (day.month - 1) // 3 + 1
            first = date(day.year, 3 * quarter - 2, 1)
            after = date(day.year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
            total += self.raw.plan.get((day.year, quarter), 0) / Decimal((after - first).days)
            day += timedelta(days=1)
        return total.quantize(Decimal("0.01"))


def values(raw: Raw, start: date, end: date, segment: int | None, now: datetime) -> dict:
    """{(kpi, dimension): value} of one window and segment."""
    w = Window(raw, start, end, segment, now)
    events = w.stage_events()

    def count(name_from, name_to, evs=events):
        return sum(1 for e in evs if (name_from is None or e["from_stage"] in name_from)
                   and e["to_stage"] in name_to)  # fmt: skip

    accepted, rejected = count(("mql",), ("sal",)), count(("mql",), ("rejected",))
    won, lost = count(None, ("won",)), count(None, ("lost",))
    won_leads = w.won_leads()
    revenue = sum((lead["won_amount"] for lead in won_leads), Decimal(0))
    cycles = [(lead["close_date"] - w.first_handoff(lead["pk"])).days
              for lead in won_leads if w.first_handoff(lead["pk"])]  # fmt: skip
    result = {
        ("new_leads", ""): Decimal(sum(1 for pk, lead in raw.leads.items()
                                       if w.mine(pk) and w.inside(local_day(lead["created_at"])))),
        ("mqls", ""): Decimal(count(None, ("mql",))),
        ("acceptance_rate", ""): ratio(accepted, accepted + rejected),
        ("rejection_rate", ""): ratio(rejected, accepted + rejected),
        ("sal_to_sql", ""): ratio(count(("sal",), ("sql",)), count(("sal",), ("sql", "lost"))),
        ("sql_to_won", ""): ratio(won, won + count(("sql", "opportunity"), ("lost",))),
        ("win_rate", ""): ratio(won, won + lost),
        ("pipeline_value", ""): w.pipeline(),
        ("won_revenue", ""): revenue,
        ("avg_deal_size", ""): ratio(revenue, len(won_leads)),
        ("sales_cycle", ""): ratio(sum(cycles), len(cycles)),
        ("accept_sla", ""): w.sla("accept"),
        ("first_contact_sla", ""): w.sla("first_contact"),
        ("median_accept_hours", ""): w.median_accept(),
        ("marketing_revenue", ""): sum(
            (lead["won_amount"] for lead in won_leads if lead["source_campaign"]), Decimal(0)
        ),
    }  # fmt: skip
    for reason, n in Counter(e["reason"] for e in events if e["to_stage"] == "rejected").items():
        result["rejection_reasons", reason] = Decimal(n)
    for band_name in ("high", "medium", "low"):
        mine = w.stage_events(band_name)
        a, r = count(("mql",), ("sal",), mine), count(("mql",), ("rejected",), mine)
        wn, ls = count(None, ("won",), mine), count(None, ("lost",), mine)
        result["win_rate", f"band:{band_name}"] = ratio(wn, wn + ls)
        result["acceptance_rate", f"band:{band_name}"] = ratio(a, a + r)
    if segment is None:
        cost = w.spend(campaigns_only=True)
        result["cost_per_mql", ""] = ratio(cost, result["mqls", ""])
        result["campaign_roi", ""] = ratio(result["marketing_revenue", ""] - cost, cost)
        result["budget_spent", ""] = ratio(w.spend(), w.plan())
    return result
