"""Pages of the lifecycle: the sales queue and its one-click actions, the other steps from
the lead page, and marketing's handoff and rejected lists. Rules are checked in the
services (and roles); a refusal is shown as a message and changes nothing."""

from collections import Counter

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.forms import errors_in_words
from alignment.http import HtmxHttpRequest, template_for
from alignment.models import QueueView
from alignment.pagination import page_number, paginate
from leads.access import lead_for_user
from leads.agreement import queries as agreement_queries
from leads.handoff import queries, queues, services
from leads.handoff.forms import (
    BulkReassignForm,
    ContactForm,
    DealForm,
    HandoffForm,
    QueueFilterForm,
    ReassignForm,
    RejectedFilterForm,
    RejectForm,
    SegmentFilterForm,
    StageForm,
)
from leads.handoff.services import Conflict
from leads.handoff.transitions import TransitionRefused
from leads.models import Lead, Stage


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _me(request: HttpRequest):
    person = roles.person_of(request.user)
    roles.require(person is not None)
    return person


# Queue ----------------------------------------------------------------------------------


@require_GET
def queue(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_queue(request.user))
    me = _me(request)
    team = roles.sees_whole_queue(request.user)
    # A manager's page reads every queue's size once: the summary and the pickers' workloads.
    sizes = queues.queue_sizes() if team else None
    filters = QueueFilterForm(request.GET, team=team, sizes=sizes)
    owner_ids = queues.queue_owners(request.user, filters.chosen())
    page = queues.queue(owners=owner_ids, number=page_number(request), **filters.criteria())
    summary = (
        queues.summary_of(sizes, owner_ids)
        if sizes is not None
        else queues.queue_summary(owners=owner_ids)
    )
    context = {
        "page": page,
        "summary": summary,
        "filters": filters,
        "view": me.queue_view,
        "team_view": owner_ids is None,
        "can_reassign": roles.can_reassign(request.user),
        "reassign_form": BulkReassignForm(sizes=sizes) if sizes is not None else None,
        "bulk_max": queries.BULK_REASSIGN_MAX,
        # "All on every page" takes the same filters along (checked again on the POST).
        "bulk_filters": [
            (name, request.GET[name])
            for name in ("person", "urgency", "segment")
            if name in request.GET
        ],
    }
    template = template_for(request, "leads/handoff/queue.html", "queue-list")
    return render(request, template, context)


@require_POST
def queue_view(request: HttpRequest) -> HttpResponse:
    """Remember how this person reads the queue: cards or a table."""
    roles.require(roles.can_view_queue(request.user))
    view = request.POST.get("view", "")
    if view in QueueView.values:
        services.choose_queue_view(person=_me(request), view=view)
    else:
        messages.error(request, _("Choose cards or a table."))
    return redirect(_next_url(request, reverse("leads:queue")))


@require_POST
def queue_reassign(request: HttpRequest) -> HttpResponse:
    """Give the leads a manager ticked in the team queue to one person."""
    roles.require(roles.can_reassign(request.user))
    form = BulkReassignForm(request.POST)
    back = _next_url(request, reverse("leads:queue"))
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect(back)
    if form.cleaned_data["all"]:  # every lead of the queue as filtered, on every page
        filters = QueueFilterForm(request.POST, team=True)
        owners = queues.queue_owners(request.user, filters.chosen())
        ids = queues.queue_lead_ids(
            owners=owners, limit=queries.BULK_REASSIGN_MAX, **filters.criteria()
        )
    else:
        ids = form.cleaned_data["lead"]
    try:
        done, refused = services.reassign_many(
            lead_ids=ids,
            to_id=form.cleaned_data["to"].pk,
            by=_me(request),
            note=form.cleaned_data["note"],
        )
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    name = form.cleaned_data["to"].name
    if done:
        messages.success(
            request,
            ngettext(
                "%(count)d lead now belongs to %(name)s.",
                "%(count)d leads now belong to %(name)s.",
                len(done),
            )
            % {"count": len(done), "name": name},
        )
    if refused:
        messages.error(request, _refusal_summary(refused, _not_reassigned))
    return redirect(back)


def _inline_form(request: HtmxHttpRequest, lead: Lead, form, submit: str) -> HttpResponse:
    """A queue row's form, loaded when its row opens it; it posts back to the same address.
    Its ids carry the lead's (many rows share one page)."""
    form.auto_id = f"id_%s_{lead.pk}"
    view = QueueView.TABLE if request.GET.get("view") == QueueView.TABLE else QueueView.CARDS
    context = {"lead": lead, "form": form, "view": view, "submit": submit}
    return render(request, "leads/handoff/queue.html#inline-form", context)


def _respond(request: HtmxHttpRequest, lead: Lead, *, done: str = "", error: str = ""):
    """The queue row again (htmx), updated in place in the view it came from (a card or a
    table row), or back to where the user came from with a message."""
    if request.htmx:
        row = queues.queue_row(lead.pk)
        table = request.POST.get("view") == QueueView.TABLE
        context = {
            "row": row,
            "lead": row.lead if row else lead,  # as it is now: its new stage, its new owner
            "done": done,
            "error": error,
            "swapped": True,
            "view": QueueView.TABLE if table else QueueView.CARDS,
            "team_view": roles.sees_whole_queue(request.user),
            "can_reassign": roles.can_reassign(request.user),
        }
        partial = "table-row" if table else "row"
        return render(request, f"leads/handoff/queue.html#{partial}", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(_next_url(request, lead.get_absolute_url()))


def _action_page(request, lead: Lead, form, action: str, **extra) -> HttpResponse:
    context = {"lead": lead, "form": form, "action": action, **extra}
    return render(request, "leads/handoff/lead_action.html", context)


@require_POST
def lead_accept(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = lead_for_user(request, pk)
    try:
        services.change_stage(
            lead_id=lead.pk, to=Stage.SAL, by=_me(request), expected=request.POST.get("expected")
        )
    except TransitionRefused as refusal:
        return _respond(request, lead, error=str(refusal))
    done = _("You accepted %(lead)s. The first-contact clock is running.") % {"lead": lead}
    return _respond(request, lead, done=done)


@require_http_methods(["GET", "POST"])
def lead_reject(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = lead_for_user(request, pk)
    try:
        reasons = queries.rejection_choices(lead)
    except TransitionRefused as refusal:
        return _respond(request, lead, error=str(refusal))
    form = RejectForm(request.POST or None, reasons=reasons, initial={"expected": lead.stage})
    if request.method == "POST":
        if not form.is_valid():
            if request.htmx:
                return _respond(
                    request, lead, error=_("Choose one of the agreed rejection reasons.")
                )
            return _action_page(request, lead, form, "reject")
        try:
            services.change_stage(
                lead_id=lead.pk,
                to=Stage.REJECTED,
                by=_me(request),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                expected=form.cleaned_data["expected"],
            )
        except TransitionRefused as refusal:
            if request.htmx or isinstance(refusal, Conflict):
                return _respond(request, lead, error=str(refusal))
            form.add_error(None, str(refusal))
            return _action_page(request, lead, form, "reject")
        done = _("You rejected %(lead)s; marketing sees your reason.") % {"lead": lead}
        return _respond(request, lead, done=done)
    if request.htmx:
        return _inline_form(request, lead, form, _("Reject lead"))
    return _action_page(request, lead, form, "reject")


@require_http_methods(["GET", "POST"])
def lead_contact(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = lead_for_user(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_first_contact(
                lead_id=lead.pk,
                by=_me(request),
                channel=form.cleaned_data["channel"],
                note=form.cleaned_data["note"],
            )
        except TransitionRefused as refusal:
            return _respond(request, lead, error=str(refusal))
        return _respond(request, lead, done=_("First contact logged. Well done."))
    if request.method == "POST" and request.htmx:
        return _respond(request, lead, error=_("Choose how you made contact."))
    if request.htmx:
        return _inline_form(request, lead, form, _("Save first contact"))
    return _action_page(request, lead, form, "contact")


@require_http_methods(["GET", "POST"])
def lead_stage(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Any other step from the lead page: SQL, opportunity, won, lost, recycle, disqualify."""
    lead = lead_for_user(request, pk)
    target = StageForm.step_of(request.POST if request.method == "POST" else request.GET)
    if target is None:
        raise Http404
    if request.method == "POST":
        form = StageForm(request.POST)
    else:
        initial = {"expected": request.GET.get("expected", lead.stage)}
        form = StageForm(initial=initial | StageForm.initial_for(lead, target))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_stage(
                lead_id=lead.pk,
                to=target,
                by=_me(request),
                reason=form.cleaned_data.get("reason", ""),
                note=form.cleaned_data["note"],
                expected=form.cleaned_data["expected"],
                **form.deal(),
            )
        except TransitionRefused as refusal:
            if isinstance(refusal, Conflict) or request.htmx:
                return _respond(request, lead, error=str(refusal))
            form.add_error(None, str(refusal))
        else:
            return _respond(request, lead, done=_stage_done(lead, target))
    lock = queries.recycle_lock(lead) if target == Stage.RECYCLED else None
    note = _recycle_lock_text(lock) if lock else ""
    return _action_page(request, lead, form, "stage", target=target, recycle_note=note)


def _stage_done(lead: Lead, target: Stage) -> str:
    done = _("%(lead)s is now %(stage)s.") % {"lead": lead, "stage": target.label}
    lock = queries.recycle_lock(lead) if target == Stage.RECYCLED else None
    if lock:
        done += " " + _recycle_lock_text(lock)
    return done


def _recycle_lock_text(lock: queries.RecycleLock) -> str:
    return ngettext(
        "The agreement locks it for %(days)d day: it may be handed off again from %(date)s.",
        "The agreement locks it for %(days)d days: it may be handed off again from %(date)s.",
        lock.days,
    ) % {"days": lock.days, "date": date_format(lock.until, "DATE_FORMAT")}


@require_http_methods(["GET", "POST"])
def lead_deal(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Correct the expected value and close date of an opportunity, or a won deal's."""
    lead = lead_for_user(request, pk)
    initial = {"amount": lead.won_amount or lead.estimated_value, "close_date": lead.close_date}
    form = DealForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_deal(lead_id=lead.pk, by=_me(request), **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            return _respond(request, lead, done=_("The deal's figures are corrected."))
    return _action_page(request, lead, form, "deal")


@require_http_methods(["GET", "POST"])
def lead_reassign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_reassign(request.user))
    lead = lead_for_user(request, pk)
    form = ReassignForm(request.POST or None, initial={"expected_owner": lead.owner_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign(
                lead_id=lead.pk,
                to_id=form.cleaned_data["to"].pk,
                by=_me(request),
                note=form.cleaned_data["note"],
                expected_owner=form.cleaned_data["expected_owner"],
            )
        except TransitionRefused as refusal:
            if request.htmx or isinstance(refusal, Conflict):
                return _respond(request, lead, error=str(refusal))
            form.add_error(None, str(refusal))
        else:
            lead.refresh_from_db()
            done = _("%(lead)s now belongs to %(name)s.") % {"lead": lead, "name": lead.owner.name}
            return _respond(request, lead, done=done)
    return _action_page(request, lead, form, "reassign")


# Marketing: handoff and rejected leads --------------------------------------------------


@require_http_methods(["GET", "POST"])
def handoff_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    if request.method == "POST":
        return _hand_off_selected(request)
    filters = SegmentFilterForm(request.GET)
    ready = queries.ready_for_handoff(segment_id=filters.segment_id())
    page = paginate(ready, page_number(request), queries.LIST_PAGE)
    count, more = queries.count_up_to(ready, queries.READY_COUNT_CAP) if page.items else (0, False)
    context = {
        "page": page,
        "filters": filters,
        "ready_count": count,
        "ready_more": more,
        "bulk_max": queries.BULK_HANDOFF_MAX,
        "can_hand_off": roles.can_hand_off(request.user),
        "has_agreement": bool(agreement_queries.in_force_by_segment()),
    }
    template = template_for(request, "leads/handoff/handoff_list.html", "results")
    return render(request, template, context)


def _hand_off_selected(request: HttpRequest) -> HttpResponse:
    roles.require(roles.can_hand_off(request.user))
    form = HandoffForm(request.POST)
    back = _next_url(request, reverse("leads:handoff_list"))
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect(back)
    if form.cleaned_data["all"]:
        ready = queries.ready_for_handoff(segment_id=form.segment_id())
        ids = list(ready.values_list("pk", flat=True)[: queries.BULK_HANDOFF_MAX])
    else:
        ids = form.cleaned_data["lead"]
    done, refused = services.hand_off(lead_ids=ids, by=_me(request))
    if done:
        messages.success(request, _handoff_summary(done))
    if refused:
        messages.error(request, _refusal_summary(refused))
    return redirect(back)


def _handoff_summary(done: list[Lead]) -> str:
    """One message for a bulk handoff: how many, and to whom."""
    per_owner = Counter(lead.owner.name for lead in done)
    owners = ", ".join(f"{name} ({count})" for name, count in sorted(per_owner.items()))
    return ngettext(
        "%(count)d lead handed off to %(owners)s; the accept clock runs.",
        "%(count)d leads handed off: %(owners)s; the accept clocks run.",
        len(done),
    ) % {"count": len(done), "owners": owners}


# A refusal summary names this many leads and counts the rest.
NAMED_REFUSALS = 5


def _not_handed_off(count: int) -> str:
    return ngettext(
        "%(count)d lead was not handed off.", "%(count)d leads were not handed off.", count
    ) % {"count": count}


def _not_reassigned(count: int) -> str:
    return ngettext(
        "%(count)d lead was not reassigned.", "%(count)d leads were not reassigned.", count
    ) % {"count": count}


def _refusal_summary(refused: list[tuple[Lead, str]], heading=_not_handed_off) -> str:
    shown = refused[:NAMED_REFUSALS]
    named = " ".join(_("%(lead)s: %(why)s") % {"lead": lead, "why": why} for lead, why in shown)
    text = heading(len(refused))
    rest = len(refused) - NAMED_REFUSALS
    if rest > 0:
        named += " " + ngettext("And %(rest)d more.", "And %(rest)d more.", rest) % {"rest": rest}
    return f"{text} {named}"


@require_GET
def rejected_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    filters = RejectedFilterForm(request.GET, reasons=queries.rejection_reason_choices())
    rejected = queries.rejected_leads(**filters.criteria())
    page = paginate(rejected, page_number(request), queries.LIST_PAGE)
    in_force = agreement_queries.in_force_by_segment()
    for event in page.items:  # said before the click: how long recycling locks the lead
        event.recycle_lock = queries.recycle_lock(event.lead, in_force)
    locks = {event.recycle_lock for event in page.items}
    context = {
        "page": page,
        "filters": filters,
        # One agreement for all: said once above the list, not in every row.
        "common_lock": locks.pop() if len(locks) == 1 else None,
        "reasons": queries.top_rejection_reasons(),
        "can_decide": roles.can_hand_off(request.user),
    }
    template = template_for(request, "leads/handoff/rejected_list.html", "results")
    return render(request, template, context)
