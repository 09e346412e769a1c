"""The action-item pages: everyone's open items, one's own list, and the edit page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest
from alignment.models import Person
from alignment.pagination import page_number, paginate
from relationships.actions import queries, services
from relationships.actions.forms import ActionFilterForm, ActionItemForm
from relationships.models import ActionItem

ACTIONS_PAGE = 50
LIST = "relationships/actions/action_items.html"


def _person(request: HttpRequest) -> Person:
    person = roles.person_of(request.user)
    roles.require(person is not None)
    return person


def _item_for_user(request: HttpRequest, pk: int) -> ActionItem:
    """The item, when this user may change it (403 otherwise), or 404."""
    try:
        item = queries.action_item(pk)
    except ActionItem.DoesNotExist:
        raise Http404 from None
    roles.require(services.may_edit(request.user, item))
    return item


def _editable(request: HttpRequest, items) -> set[int]:
    user = request.user
    return {i.pk for i in items if services.may_edit(user, i)}


@require_GET
def action_items(request: HtmxHttpRequest) -> HttpResponse:
    mine, status = ActionFilterForm(request.GET).values()
    if mine:  # the old "?mine=1" tab is now a page of its own
        return redirect("relationships:my_action_items")
    page = paginate(queries.action_items(status=status), page_number(request), ACTIONS_PAGE)
    context = {
        "page": page,
        "status": status,
        "editable": _editable(request, page),
        "today": timezone.localdate(),
    }
    return render(request, LIST, context)


@require_GET
def my_action_items(request: HtmxHttpRequest) -> HttpResponse:
    person = _person(request)
    today = timezone.localdate()
    lists = queries.my_items(person, today)
    every_item = [item for items in lists.values() for item in items]
    context = {
        **lists,
        "overdue": sum(1 for item in lists["owned"] if item.overdue),
        "editable": _editable(request, every_item),
        "today": today,
    }
    return render(request, "relationships/actions/my_action_items.html", context)


@require_http_methods(["GET", "POST"])
def action_item_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = _item_for_user(request, pk)
    form = ActionItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action_item(item_id=pk, by=_person(request), **form.item_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action item is saved."))
            return redirect(_back(request))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "item": queries.action_item(pk), "back": _back(request)}
    return render(request, "relationships/actions/action_item_form.html", context, status=status)


@require_POST
def action_item_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = _item_for_user(request, pk)
    item = services.complete_action_item(item_id=item.pk, by=_person(request))
    if request.htmx:
        context = {
            "item": queries.action_item(item.pk),
            "editable": set(),
            "today": timezone.localdate(),
        }
        return render(request, f"{LIST}#item", context)
    messages.success(request, _("“%(title)s” is done.") % {"title": item.title})
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    """The list the form was opened from: one's own, or everyone's."""
    mine = request.POST.get("next", request.GET.get("next")) == "mine"
    return "relationships:my_action_items" if mine else "relationships:action_items"
