"""The product-update pages. Everyone reads them; opening the list or an update marks
what it shows as read, so the top bar's count for sales goes down as they read."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alignment import roles
from alignment.http import HtmxHttpRequest, template_for
from alignment.models import Person
from alignment.pagination import page_number, paginate
from relationships.models import ProductUpdate
from relationships.updates import queries, services
from relationships.updates.forms import ProductUpdateForm


def _reader(request: HttpRequest) -> Person:
    roles.require(roles.can_read_team_news(request.user))
    return roles.person_of(request.user)


def _update_for_user(request: HttpRequest, pk: int) -> ProductUpdate:
    _reader(request)
    try:
        return queries.update(pk)
    except ProductUpdate.DoesNotExist:
        raise Http404 from None


@require_GET
def update_list(request: HtmxHttpRequest) -> HttpResponse:
    person = _reader(request)
    page = paginate(queries.update_list(person), page_number(request), queries.LIST_PAGE)
    services.mark_read(person=person, update_ids=[u.pk for u in page if not u.is_read])
    user = request.user
    can_publish = roles.can_publish_product_updates(user)
    context = {
        "page": page,
        "can_publish": can_publish,
        "editable": {u.pk for u in page if roles.can_edit_product_update(user, u.author)},
        # Who publishes sees how far the news has reached sales.
        "salespeople": queries.salespeople_count() if can_publish else 0,
    }
    template = template_for(request, "relationships/updates/update_list.html", "results")
    return render(request, template, context)


@require_GET
def update_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    update = _update_for_user(request, pk)
    services.mark_read(person=roles.person_of(request.user), update_ids=[update.pk])
    context = {
        "update": update,
        "can_edit": roles.can_edit_product_update(request.user, update.author),
    }
    return render(request, "relationships/updates/update_detail.html", context)


@require_http_methods(["GET", "POST"])
def update_create(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_publish_product_updates(request.user))
    form = ProductUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        update = services.publish_update(by=roles.person_of(request.user), **form.update_values())
        messages.success(request, _("“%(title)s” is published.") % {"title": update.title})
        return redirect("relationships:update_detail", pk=update.pk)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
def update_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    update = _update_for_user(request, pk)
    roles.require(roles.can_edit_product_update(request.user, update.author))
    form = ProductUpdateForm(request.POST or None, instance=update)
    if request.method == "POST" and form.is_valid():
        services.edit_update(
            update_id=update.pk, by=roles.person_of(request.user), **form.update_values()
        )
        messages.success(request, _("The product update is saved."))
        return redirect("relationships:update_detail", pk=update.pk)
    return _form_page(request, form, update)


def _form_page(request, form: ProductUpdateForm, update: ProductUpdate | None) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "update": update}
    return render(request, "relationships/updates/update_form.html", context, status=status)
