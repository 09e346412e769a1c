"""The action-item pages."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest
from alignment.pagination import page_number, paginate
from relationships.actions import queries, services
from relationships.actions.forms import ActionFilterForm
from relationships.models import ActionItem, ActionStatus

ACTIONS_PAGE = 50


@require_GET
def action_items(request: HtmxHttpRequest) -> HttpResponse:
    person = roles.person_of(request.user)
    mine, status = ActionFilterForm(request.GET).values()
    mine = mine and person is not None
    items = queries.action_items(owner=person if mine else None, status=status)
    page = paginate(items, page_number(request), ACTIONS_PAGE)
    completable = {
        item.pk
        for item in page
        if roles.can_complete_action(request.user, item.owner, services.account_team(item))
    }
    context = {
        "page": page,
        "mine": mine,
        "status": status,
        "completable": completable,
        "today": timezone.localdate(),
    }
    return render(request, "relationships/actions/action_items.html", context)


@require_POST
def action_item_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = roles.person_of(request.user)
    item = get_object_or_404(ActionItem.objects.select_related("owner__team", "key_account"), pk=pk)
    roles.require(roles.can_complete_action(request.user, item.owner, services.account_team(item)))
    item = services.complete_action_item(item_id=item.pk, by=person)
    if request.htmx:
        item = queries.action_items(status=ActionStatus.DONE).get(pk=item.pk)
        return render(
            request,
            "relationships/actions/action_items.html#item",
            {"item": item, "completable": set(), "today": timezone.localdate()},
        )
    messages.success(request, _("“%(title)s” is done.") % {"title": item.title})
    return redirect("relationships:action_items")
