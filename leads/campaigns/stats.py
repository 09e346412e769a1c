"""The figures a campaign keeps for its list (leads, won deals, won revenue, cost),
recomputed from the leads and the spend — never added to or taken from — whenever a write
touches them. The campaign rows are locked first, so two writers take turns and the later
one counts what the earlier one committed."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from leads.models import Campaign, Lead, Spend, Stage


def _total(queryset, field: str, aggregate) -> Coalesce:
    summed = queryset.values(field).annotate(total=aggregate).values("total")
    return Coalesce(Subquery(summed), Value(Decimal(0)), output_field=DecimalField())


@transaction.atomic
def refresh(campaign_ids: Iterable[int | None]) -> None:
    ids = sorted({pk for pk in campaign_ids if pk})
    if not ids:
        return
    list(Campaign.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    leads = Lead.objects.filter(source_campaign=OuterRef("pk")).order_by()
    won = leads.filter(stage=Stage.WON)
    costs = Spend.objects.filter(campaign=OuterRef("pk")).order_by()
    Campaign.objects.filter(pk__in=ids).update(
        lead_count=Coalesce(
            Subquery(leads.values("source_campaign").annotate(n=Count("pk")).values("n")), 0
        ),
        won_count=Coalesce(
            Subquery(won.values("source_campaign").annotate(n=Count("pk")).values("n")), 0
        ),
        won_revenue=_total(won, "source_campaign", Sum("won_amount")),
        cost=_total(costs, "campaign", Sum("amount")),
    )
