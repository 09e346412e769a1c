"""The organisations behind the leads: the list, one organisation's page, and the
managers' merge, split and "make it a key account"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest
from alignment.pagination import page_number, paginate
from relationships.accounts import queries, services
from relationships.accounts.forms import KeyAccountForm, MergeForm, SearchForm, SplitForm
from relationships.accounts.views import show_errors
from relationships.models import Organisation

ORGANISATIONS_PAGE = 50
TEMPLATES = "relationships/accounts/"


def _organisation(request: HtmxHttpRequest, pk: int, *, managing: bool = False) -> Organisation:
    roles.require(roles.can_view_key_accounts(request.user))
    if managing:
        roles.require(roles.can_manage_key_accounts(request.user))
    organisation = queries.organisation(pk)
    if organisation is None:
        raise Http404
    return organisation


@require_GET
def organisation_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_key_accounts(request.user))
    search = SearchForm(request.GET)
    q = search.value()
    page = paginate(queries.organisations(q), page_number(request), ORGANISATIONS_PAGE)
    template = TEMPLATES + "organisation_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {"search": search, "q": q, "page": page})


@require_GET
def organisation_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    managing = roles.can_manage_key_accounts(request.user)
    search = SearchForm(request.GET)
    candidates = queries.merge_candidates(organisation, search.value()) if managing else []
    context = {"organisation": organisation, "managing": managing, "search": search,
               "candidates": candidates}  # fmt: skip
    if request.htmx:
        return render(request, TEMPLATES + "organisation_detail.html#candidates", context)
    context["figures"] = queries.organisation_figures(organisation, timezone.localdate())
    return render(request, TEMPLATES + "organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
def organisation_merge(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm merging into ?into=; POST merges."""
    organisation = _organisation(request, pk, managing=True)
    form = MergeForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the organisation to merge with."))
        return redirect("relationships:organisation", pk=organisation.pk)
    if request.method == "GET":
        target = queries.organisation(form.cleaned_data["into"])
        if target is None:
            raise Http404
        context = {"organisation": organisation, "target": target}
        return render(request, TEMPLATES + "organisation_merge.html", context)
    try:
        target = services.merge_organisations(
            source_id=organisation.pk, target_id=form.cleaned_data["into"],
            by=roles.person_of(request.user),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("relationships:organisation", pk=organisation.pk)
    messages.success(
        request,
        _("%(source)s is now part of %(target)s.") % {"source": organisation, "target": target},
    )
    return redirect("relationships:organisation", pk=target.pk)


@require_POST
def organisation_split(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, managing=True)
    form = SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("relationships:organisation", pk=organisation.pk)
    try:
        new = services.split_key(
            organisation_id=organisation.pk, key_id=form.cleaned_data["key"],
            name=form.cleaned_data["name"], by=roles.person_of(request.user),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("relationships:organisation", pk=organisation.pk)
    messages.success(request, _("%(name)s is a separate organisation now.") % {"name": new})
    return redirect("relationships:organisation", pk=new.pk)


@require_http_methods(["GET", "POST"])
def key_account_new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, managing=True)
    if hasattr(organisation, "key_account"):
        messages.info(request, _("%(name)s is a key account already.") % {"name": organisation})
        return redirect("relationships:key_account", pk=organisation.key_account.pk)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    form = KeyAccountForm(data, year=today.year)
    if data is not None and form.is_valid():
        try:
            account = services.create_key_account(
                organisation_id=organisation.pk, team=form.team(), by=roles.person_of(request.user),
                goal=form.cleaned_data["goal"], aims=form.cleaned_data["aims"], today=today,
            )  # fmt: skip
        except ValidationError as error:
            show_errors(error, form)
        else:
            messages.success(request, _("%(name)s is a key account now.") % {"name": organisation})
            return redirect("relationships:key_account", pk=account.pk)
    context = {"organisation": organisation, "form": form, "year": today.year}
    return render(request, TEMPLATES + "key_account_new.html", context)
