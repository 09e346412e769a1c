"""The KPI catalogue: every shared number, its plain-language definition, the team that owns
it, its unit and which way is better. One registry; the snapshots, the targets, the
dashboard and the weekly meeting read it. Pure: no database.

Days are the office's (TIME_ZONE). A period is the week (Monday first), month, quarter or
year that contains the day the figures are computed for, up to and including that day.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from leads.campaigns.deals import PIPELINE_VALUE_HELP, ROI_HELP, WON_REVENUE_HELP

MARKETING, SALES, SHARED = "marketing", "sales", "shared"
COUNT, PERCENT, EURO, HOURS, DAYS = "count", "percent", "euro", "hours", "days"
HIGHER, LOWER = "higher", "lower"

TEAM_LABELS = {MARKETING: _("Marketing"), SALES: _("Sales"), SHARED: _("Shared")}


@dataclass(frozen=True)
class Kpi:
    key: str
    name: Promise
    definition: Promise
    team: str
    unit: str
    direction: str = HIGHER
    # A breakdown (per rejection reason) rather than one number.
    listing: bool = False

    @property
    def team_label(self) -> str:
        return str(TEAM_LABELS[self.team])

    @property
    def is_rate(self) -> bool:
        return self.unit == PERCENT

    def better(self, actual, target) -> bool:
        return actual >= target if self.direction == HIGHER else actual <= target


CATALOGUE = [
    Kpi("new_leads", _("New leads"),
        _("Leads created in the period, by any path: form, import or API."),
        MARKETING, COUNT),
    Kpi("mqls", _("MQLs"),
        _("Handoffs to sales in the period: every move of a lead to MQL counts, a recycled "
          "lead handed off again counts again."),
        MARKETING, COUNT),
    Kpi("acceptance_rate", _("MQL → SAL acceptance"),
        _("Of the handed-off leads sales decided on in the period, the share it accepted "
          "(accepted ÷ accepted and rejected)."),
        SHARED, PERCENT),
    Kpi("rejection_rate", _("Rejection rate"),
        _("Of the handed-off leads sales decided on in the period, the share it rejected."),
        SHARED, PERCENT, LOWER),
    Kpi("rejection_reasons", _("Top rejection reasons"),
        _("The reasons sales gave for the leads it rejected in the period, most given first."),
        SHARED, COUNT, listing=True),
    Kpi("sal_to_sql", _("SAL → SQL"),
        _("Of the accepted leads that moved on in the period, the share that became sales "
          "qualified (SQL) rather than lost."),
        SALES, PERCENT),
    Kpi("sql_to_won", _("SQL → won"),
        _("Of the qualified deals (SQL or opportunity) that closed in the period, the share "
          "won. A deal closes when it moves to won or lost."),
        SALES, PERCENT),
    Kpi("win_rate", _("Win rate"),
        _("Of all deals that closed in the period, lost right after acceptance included, the "
          "share won."),
        SALES, PERCENT),
    Kpi("pipeline_value", _("Pipeline value"), PIPELINE_VALUE_HELP, SALES, EURO),
    Kpi("won_revenue", _("Won revenue"), WON_REVENUE_HELP, SHARED, EURO),
    Kpi("avg_deal_size", _("Average deal size"),
        _("Won revenue divided by the number of deals it counts."),
        SALES, EURO),
    Kpi("sales_cycle", _("Sales cycle"),
        _("For the deals in won revenue: the average number of days from the lead's first "
          "handoff to sales to its close date."),
        SALES, DAYS, LOWER),
    Kpi("accept_sla", _("Accept-SLA compliance"),
        _("Of the accept deadlines that fell in the period and were met or missed (not the "
          "ones still running in time, nor those stopped without an answer), the share met "
          "in time."),
        SALES, PERCENT),
    Kpi("first_contact_sla", _("First-contact-SLA compliance"),
        _("Of the first-contact deadlines that fell in the period and were met or missed, the "
          "share met in time."),
        SALES, PERCENT),
    Kpi("median_accept_hours", _("Median time to accept"),
        _("The median time from handoff to acceptance, in hours round the clock, of the leads "
          "accepted in the period."),
        SALES, HOURS, LOWER),
    Kpi("cost_per_mql", _("Cost per MQL"),
        _("Campaign cost lines dated in the period divided by the MQLs of the period. "
          "Company-wide only: costs belong to campaigns, not segments."),
        MARKETING, EURO, LOWER),
    Kpi("marketing_revenue", _("Marketing-sourced revenue"),
        _("Won revenue of the leads a campaign brought in (first touch)."),
        MARKETING, EURO),
    Kpi("campaign_roi", _("Campaign ROI"),
        ROI_HELP, MARKETING, PERCENT),
    Kpi("budget_spent", _("Budget spent vs plan"),
        _("Spend lines dated in the period (marketing and sales) as a share of the plan for "
          "the period: each quarter's allocations spread evenly over its days. Company-wide "
          "only."),
        SHARED, PERCENT, LOWER),
]  # fmt: skip
KPIS = {kpi.key: kpi for kpi in CATALOGUE}


@dataclass(frozen=True)
class FunnelStep:
    """A step of the funnel from new lead to won: how many leads reached it in a period,
    read from a KPI: its figure, or, for a step reached by a conversion, that rate's
    numerator (and the rate is the step's conversion from the step before)."""

    key: str
    label: Promise
    kpi: str
    converted: Promise | None = None  # "accepted", "qualified", "won": the rate's word


# The funnel of the dashboard and of the weekly meeting.
FUNNEL = (
    FunnelStep("new_leads", _("New leads"), "new_leads"),
    FunnelStep("mqls", _("Handed to sales (MQL)"), "mqls"),
    FunnelStep("accepted", _("Accepted by sales (SAL)"), "acceptance_rate", _("accepted")),
    FunnelStep("qualified", _("Qualified (SQL)"), "sal_to_sql", _("qualified")),
    FunnelStep("won", _("Won"), "sql_to_won", _("won")),
)
FUNNEL_STEPS = {step.key: step for step in FUNNEL}

# KPIs broken down per fit band for the ICP check (dimension "band:high" …).
BY_FIT_BAND = ("win_rate", "acceptance_rate")
# The dimension of a campaign's ROI row (campaign_roi per campaign).
CAMPAIGN_DIMENSION = "campaign:"
BAND_DIMENSION = "band:"
