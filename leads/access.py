"""The access helpers for leads, used by every view that shows or changes one lead."""

from django.http import Http404, HttpRequest

from alignment import roles
from leads.handoff.transitions import with_sales
from leads.models import Lead


def lead_for_user(request: HttpRequest, pk: int) -> Lead:
    """The lead, when this user may see leads at all (403 otherwise), or 404."""
    roles.require(roles.can_view_leads(request.user))
    try:
        return Lead.objects.select_related("fit__segment", "owner__user", "source_campaign").get(
            pk=pk
        )
    except Lead.DoesNotExist:
        raise Http404 from None


def may_edit(user, lead: Lead) -> bool:
    """Whether this user may correct this lead's data now (the rule is roles.can_edit_lead;
    the stage says whose the lead is)."""
    return roles.can_edit_lead(user, handed_off=with_sales(lead.stage), owner_id=lead.owner_id)


def lead_to_edit(request: HttpRequest, pk: int) -> Lead:
    """The lead, when this user may correct it now (403 otherwise), or 404."""
    lead = lead_for_user(request, pk)
    roles.require(may_edit(request.user, lead))
    return lead
