from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from alignment import roles
from alignment.http import HtmxHttpRequest
from dashboards.home import queries
from relationships.assessment import queries as assessment_queries


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    if roles.dashboard_is_home(request.user):
        return redirect("dashboards:dashboard")
    person = roles.person_of(request.user)
    context = {
        "person": person,
        "assessment_invitations": assessment_queries.open_invitations(person),
        "show_handoff_links": roles.can_hand_off(request.user),
        **queries.queue_panel(request.user),
        **queries.campaigns_panel(request.user),
    }
    return render(request, "dashboards/home/home.html", context)
