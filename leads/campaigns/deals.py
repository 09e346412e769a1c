"""What revenue means, written once: the definitions every page and figure uses.

A deal's value and dates are recorded on the stage events (to opportunity: the expected
value and close date; to won: the won amount and close date; corrections are events too),
and the latest are kept on the lead for sums like these.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from leads.models import Lead, LeadEvent, Stage

# The stages of an open deal: its expected value counts in the pipeline.
OPEN_DEAL_STAGES = (Stage.SQL, Stage.OPPORTUNITY)

WON_REVENUE_HELP = _(
    "The sum of the won amounts of deals whose close date falls in the period, whatever "
    "day they were marked won."
)
PIPELINE_VALUE_HELP = _(
    "The sum of the expected values of the leads that are open in SQL or opportunity at the "
    "end of the period."
)
ROI_HELP = _(
    "(Won revenue − cost) ÷ cost. Revenue is counted for the campaign that brought the lead "
    "in (first touch)."
)


def won_between(since: date, until: date) -> Q:
    """Leads won with a close date from `since` to `until`, both included."""
    return Q(stage=Stage.WON, close_date__gte=since, close_date__lte=until)


# Marketing-sourced: the lead came in through a campaign (first touch).
SOURCED = Q(source_campaign__isnull=False)


def won_revenue(leads: QuerySet[Lead], since: date, until: date) -> Decimal:
    total = leads.filter(won_between(since, until)).aggregate(
        total=Coalesce(Sum("won_amount"), Decimal(0))
    )
    return total["total"]


def pipeline_value(leads: QuerySet[Lead]) -> Decimal:
    """The pipeline as it stands now (the dashboard's snapshots keep it per day)."""
    total = leads.filter(stage__in=OPEN_DEAL_STAGES).aggregate(
        total=Coalesce(Sum("estimated_value"), Decimal(0))
    )
    return total["total"]


def closed_between(
    since: datetime, until: datetime, *, at_least: Decimal, limit: int
) -> list[LeadEvent]:
    """Deals won or lost in [since, until) worth at least `at_least` (the amount recorded
    with the step), the largest first."""
    return list(
        LeadEvent.objects.filter(
            to_stage__in=[Stage.WON, Stage.LOST], at__gte=since, at__lt=until,
            amount__gte=at_least,
        )
        .select_related("lead", "by__user")
        .order_by("-amount", "-id")[:limit]
    )  # fmt: skip


def in_play(*, at_least: Decimal, limit: int) -> list[Lead]:
    """Open deals (SQL or opportunity) worth at least `at_least`, the largest first."""
    return list(
        Lead.objects.filter(stage__in=OPEN_DEAL_STAGES, estimated_value__gte=at_least)
        .select_related("owner__user")
        .order_by("-estimated_value", "-id")[:limit]
    )
