"""The access helper for leads, used by every view that shows or changes one lead."""

from django.http import Http404, HttpRequest

from alignment import roles
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
