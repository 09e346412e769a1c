"""The key-account pages: the list with the proposals, an account's page, its plan,
activities and next steps; and the organisations behind the leads, with the managers'
merge, split and "make it a key account". Rules are checked here (alignment.roles) and
again in the services; templates only reflect them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.forms import errors_in_words, show_service_errors
from alignment.http import HtmxHttpRequest
from alignment.pagination import page_number, paginate
from relationships.accounts import queries, services, timeline
from relationships.accounts.forms import (
    TIMELINE_MAX,
    TIMELINE_STEP,
    ActivityForm,
    KeyAccountForm,
    MergeForm,
    NextStepForm,
    PlanForm,
    SearchForm,
    SplitForm,
    TeamForm,
    TimelineForm,
)
from relationships.actions import services as actions
from relationships.models import AccountActivity, KeyAccount, Organisation

LEADS_PAGE = 25
ORGANISATIONS_PAGE = 50
TEMPLATES = "relationships/accounts/"


def _reader(request: HtmxHttpRequest) -> None:
    roles.require(roles.can_view_key_accounts(request.user))


def _account(request: HtmxHttpRequest, pk: int, *, editing: bool = False) -> KeyAccount:
    """The account, to anyone who reads key accounts (or, `editing`, to its team and the
    managers); 404 when there is none."""
    _reader(request)
    account = queries.key_account(pk, timezone.localdate().year)
    if account is None:
        raise Http404
    if editing:
        roles.require(roles.can_edit_key_account(request.user, account.team_ids))
    return account


def _back(account: KeyAccount, section: str = "") -> HttpResponse:
    url = reverse("relationships:key_account", args=[account.pk])
    return redirect(f"{url}#{section}" if section else url)


@require_GET
def key_account_list(request: HtmxHttpRequest) -> HttpResponse:
    _reader(request)
    today = timezone.localdate()
    managing = roles.can_manage_key_accounts(request.user)
    context = {
        "rows": queries.key_account_list(today),
        "proposals": queries.proposals() if managing else [],
        "managing": managing,
        "year": today.year,
    }
    return render(request, TEMPLATES + "key_account_list.html", context)


@require_GET
def key_account(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    with_leads = roles.can_view_leads(request.user)
    target = request.htmx.target if request.htmx else None
    context = {
        "account": account,
        "can_edit": roles.can_edit_key_account(request.user, account.team_ids),
        "with_leads": with_leads,
        "today": timezone.localdate(),
    }
    if target in (None, "timeline-older"):
        context |= _timeline(account, TimelineForm(request.GET).value(), with_leads)
    if with_leads and target in (None, "account-leads"):
        leads = queries.account_leads(account)
        context["leads"] = paginate(leads, page_number(request), LEADS_PAGE)
    if target == "timeline-older":
        return render(request, TEMPLATES + "key_account.html#timeline_entries", context)
    if target == "account-leads":
        return render(request, TEMPLATES + "key_account.html#leads", context)
    context |= {"figures": queries.figures(account, context["today"])}
    context |= _steps(request, account)
    return render(request, TEMPLATES + "key_account.html", context)


def _timeline(account: KeyAccount, limit: int, with_leads: bool) -> dict:
    """The newest `limit` entries; "Show older" asks for TIMELINE_STEP more, up to
    TIMELINE_MAX (`at_most`: there are older ones, but the list stops here)."""
    # Only the last TIMELINE_STEP of them: "Show older" appends them to the list in place
    # of the button (without JavaScript: a page of them, with a link back to the newer).
    # Rendering all 300 again for the tenth click cost more than reading them.
    first = max(0, limit - TIMELINE_STEP)
    entries, older = timeline.timeline(account, limit=limit, with_leads=with_leads, skip=first)
    more = older and limit + TIMELINE_STEP <= TIMELINE_MAX
    return {
        "entries": entries,
        "newer": first,
        "shown": limit,
        "more": more,
        "at_most": older and not more,
        "next_limit": limit + TIMELINE_STEP,
    }


def _steps(request: HtmxHttpRequest, account: KeyAccount) -> dict:
    """The open next steps, and which of them the reader may mark done."""
    steps = queries.open_steps(account)
    done = {step.pk for step in steps if actions.may_edit(request.user, step)}
    return {"steps": steps, "completable": done}


@require_http_methods(["GET", "POST"])
def key_account_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk, editing=True)
    year = timezone.localdate().year
    data = request.POST if request.method == "POST" else None
    plan = PlanForm(data, year=year, initial={"goal": account.goal, "aims": account.aims})
    team = None
    if roles.can_manage_key_accounts(request.user):
        team = TeamForm(data, initial={
            "account_manager": account.account_manager, "marketer": account.marketer,
            "service_contact": account.service_contact,
        })  # fmt: skip
    valid = data is not None and plan.is_valid() and (team is None or team.is_valid())
    if valid:
        try:
            services.update_account(
                account_id=account.pk, aims=plan.cleaned_data["aims"],
                goal=plan.cleaned_data["goal"], year=year, by=roles.person_of(request.user),
                team=team.team() if team else None,
            )  # fmt: skip
        except ValidationError as error:
            show_service_errors(error, plan, *([team] if team else []))
        else:
            messages.success(request, _("The plan of %(name)s is saved.") % {"name": account})
            return _back(account)
    context = {"account": account, "plan": plan, "team": team}
    return render(request, TEMPLATES + "key_account_edit.html", context)


# Activities -----------------------------------------------------------------------------


def _activity(account: KeyAccount, activity_pk: int) -> AccountActivity:
    activity = account.activities.filter(pk=activity_pk).first()
    if activity is None:
        raise Http404
    return activity


@require_http_methods(["GET", "POST"])
def activity_new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _activity_form(request, _account(request, pk, editing=True), None)


@require_http_methods(["GET", "POST"])
def activity_edit(request: HtmxHttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    account = _account(request, pk, editing=True)
    return _activity_form(request, account, _activity(account, activity_pk))


def _activity_form(request, account: KeyAccount, activity: AccountActivity | None):
    initial = {"date": timezone.localdate()} if activity is None else {}
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(data, instance=activity, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.save_activity(
                account_id=account.pk, values=form.cleaned_data,
                by=roles.person_of(request.user), activity_id=activity.pk if activity else None,
            )  # fmt: skip
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The activity is saved."))
            return _back(account, "account-timeline")
    context = {"account": account, "form": form, "activity": activity}
    return render(request, TEMPLATES + "activity_form.html", context)


@require_http_methods(["GET", "POST"])
def activity_delete(request: HtmxHttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    account = _account(request, pk, editing=True)
    activity = _activity(account, activity_pk)
    if request.method == "POST":
        services.delete_activity(activity_id=activity.pk, by=roles.person_of(request.user))
        messages.success(request, _("“%(title)s” is removed.") % {"title": activity.title})
        return _back(account, "account-timeline")
    context = {"account": account, "activity": activity}
    return render(request, TEMPLATES + "activity_delete.html", context)


# Next steps -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def next_step_new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk, editing=True)
    data = request.POST if request.method == "POST" else None
    form = NextStepForm(data, initial={"owner": account.account_manager})
    if data is not None and form.is_valid():
        try:
            services.add_next_step(account_id=account.pk, by=roles.person_of(request.user),
                                   **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The next step is added."))
            return _back(account, "next-steps")
    return render(request, TEMPLATES + "next_step_form.html", {"account": account, "form": form})


@require_POST
def next_step_done(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    account = _account(request, pk)
    item = queries.next_step(account, item_pk)
    if item is None:
        raise Http404
    roles.require(actions.may_edit(request.user, item))
    actions.complete_action_item(item_id=item.pk, by=roles.person_of(request.user))
    if request.htmx:
        context = {"account": account, "today": timezone.localdate()} | _steps(request, account)
        return render(request, TEMPLATES + "key_account.html#steps", context)
    messages.success(request, _("“%(title)s” is done.") % {"title": item.title})
    return _back(account, "next-steps")


# Organisations --------------------------------------------------------------------------


def _organisation(request: HtmxHttpRequest, pk: int, *, managing: bool = False) -> Organisation:
    _reader(request)
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
        messages.error(request, errors_in_words(form))
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
            show_service_errors(error, form)
        else:
            messages.success(request, _("%(name)s is a key account now.") % {"name": organisation})
            return redirect("relationships:key_account", pk=account.pk)
    context = {"organisation": organisation, "form": form, "year": today.year}
    return render(request, TEMPLATES + "key_account_new.html", context)
