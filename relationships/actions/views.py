"""The action-item pages: everyone's open items, one's own list, a new item, one item
with its comment thread (and giving it to someone else), and the edit page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest
from alignment.models import Person
from alignment.pagination import page_number, paginate
from relationships.actions import queries, services
from relationships.actions.forms import (
    ActionFilterForm,
    ActionItemForm,
    CommentForm,
    NewActionItemForm,
    ReassignForm,
)
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
        "can_create": roles.can_create_action(request.user),
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
        "can_create": roles.can_create_action(request.user),
        "closed_days": queries.RECENTLY_CLOSED_DAYS,
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


@require_http_methods(["GET", "POST"])
def action_item_new(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_create_action(request.user))
    form = NewActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_action_item(by=_person(request), **form.item_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action item is saved; its owner is told."))
            return redirect("relationships:action_item", item.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "relationships/actions/action_item_new.html", {"form": form}, status=status
    )


def _detail(request: HttpRequest, pk: int, **forms) -> HttpResponse:
    try:
        item = queries.action_item_with_comments(pk)
    except ActionItem.DoesNotExist:
        raise Http404 from None
    may_edit = services.may_edit(request.user, item)
    context = {
        "item": item,
        "may_edit": may_edit,
        "editable_ids": {item.pk} if may_edit else set(),
        "may_comment": roles.can_comment_on_action(request.user),
        "reassign_form": forms.get("reassign_form")
        or ReassignForm(initial={"owner": item.owner_id}),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "today": timezone.localdate(),
    }
    status = 400 if forms else 200
    return render(request, "relationships/actions/action_item.html", context, status=status)


@require_GET
def action_item(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
def action_item_reassign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item = _item_for_user(request, pk)
    form = ReassignForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, reassign_form=form)
    try:
        item = services.reassign_action_item(
            item_id=item.pk, to=form.cleaned_data["owner"], by=_person(request)
        )
    except ValidationError as error:
        form.add_error("owner", error.messages)
        return _detail(request, pk, reassign_form=form)
    messages.success(
        request, _("%(name)s now owns this action item and is told.") % {"name": item.owner.name}
    )
    return redirect("relationships:action_item", pk)


@require_POST
def action_item_comment(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_comment_on_action(request.user))
    if not ActionItem.objects.filter(pk=pk).exists():
        raise Http404
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, comment_form=form)
    comment = services.add_comment(item_id=pk, by=_person(request), text=form.cleaned_data["text"])
    return redirect(reverse("relationships:action_item", args=[pk]) + f"#comment-{comment.pk}")


def _back(request: HttpRequest) -> str:
    """The list the form was opened from: one's own, or everyone's."""
    mine = request.POST.get("next", request.GET.get("next")) == "mine"
    return "relationships:my_action_items" if mine else "relationships:action_items"
