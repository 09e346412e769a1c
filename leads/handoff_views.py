"""Pages of the lifecycle: the sales queue and its one-click actions, marketing's handoff
and rejected lists, and the handoff agreement. Rules are checked in the services (and
roles); a refusal is shown as a message and changes nothing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest, page_number
from leads import agreements, lifecycle, transitions
from leads import handoff_queries as hq
from leads.handoff_forms import (
    AgreementForm,
    ContactForm,
    ReassignForm,
    RejectForm,
    StageForm,
    initial_for_agreement,
)
from leads.models import HandoffAgreement, Lead, Segment, Stage
from leads.transitions import TransitionRefused


def _get_lead(request: HttpRequest, pk: int) -> Lead:
    roles.require(roles.can_view_leads(request.user))
    try:
        return Lead.objects.select_related("fit__segment", "owner__user").get(pk=pk)
    except Lead.DoesNotExist:
        raise Http404 from None


def _next_url(request: HttpRequest, lead: Lead) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return lead.get_absolute_url()


def _me(request: HttpRequest):
    person = roles.person_of(request.user)
    roles.require(person is not None)
    return person


# Queue ----------------------------------------------------------------------------------


@require_GET
def queue(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_queue(request.user))
    me = _me(request)
    people = lifecycle.reassignable_people() if roles.is_manager(me) else []
    chosen = request.GET.get("person", "")
    owners = hq.team_people(me)
    if owners is None and chosen.isdecimal():
        owners = [int(chosen)]
    rows, has_next = hq.queue(owners=owners, number=page_number(request))
    context = {
        "rows": rows,
        "has_next": has_next,
        "number": page_number(request),
        "summary": hq.queue_summary(owners=owners),
        "people": people,
        "chosen": chosen,
        "team_view": owners is None,
        "can_reassign": roles.can_reassign(request.user),
        "me": me,
    }
    template = "leads/queue.html#queue-list" if request.htmx else "leads/queue.html"
    return render(request, template, context)


def _respond(
    request: HtmxHttpRequest, lead: Lead, *, done: str = "", error: str = "", status: int = 200
) -> HttpResponse:
    """The queue row again (htmx), or back to where the user came from with a message."""
    if request.htmx:
        context = {
            "row": hq.queue_row(lead.pk),
            "lead": lead,
            "done": done,
            "error": error,
            "can_reassign": roles.can_reassign(request.user),
        }
        return render(request, "leads/queue.html#row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(_next_url(request, lead))


@require_POST
def lead_accept(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = _get_lead(request, pk)
    try:
        lifecycle.change_stage(
            lead_id=lead.pk, to=Stage.SAL, by=_me(request), expected=request.POST.get("expected")
        )
    except TransitionRefused as refusal:
        return _respond(request, lead, error=str(refusal))
    done = _("You accepted %(lead)s. The first-contact clock is running.") % {"lead": lead}
    return _respond(request, lead, done=done)


@require_http_methods(["GET", "POST"])
def lead_reject(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = _get_lead(request, pk)
    try:
        reasons = lifecycle.agreement_for(lead).reason_choices()
    except TransitionRefused as refusal:
        return _respond(request, lead, error=str(refusal))
    row = hq.queue_row(lead.pk)
    if row and row.clock.kind == "accept":
        reasons = row.clock.agreement.reason_choices()  # the version it was handed off under
    form = RejectForm(request.POST or None, reasons=reasons, initial={"expected": lead.stage})
    if request.method == "POST":
        if not form.is_valid():
            if request.htmx:
                return _respond(
                    request, lead, error=_("Choose one of the agreed rejection reasons.")
                )
            return render(request, "leads/lead_action.html", _action_context(lead, form, "reject"))
        try:
            lifecycle.change_stage(
                lead_id=lead.pk,
                to=Stage.REJECTED,
                by=_me(request),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                expected=form.cleaned_data["expected"],
            )
        except TransitionRefused as refusal:
            if request.htmx or isinstance(refusal, lifecycle.Conflict):
                return _respond(request, lead, error=str(refusal))
            form.add_error(None, str(refusal))
            return render(request, "leads/lead_action.html", _action_context(lead, form, "reject"))
        done = _("You rejected %(lead)s; marketing sees your reason.") % {"lead": lead}
        return _respond(request, lead, done=done)
    return render(request, "leads/lead_action.html", _action_context(lead, form, "reject"))


def _action_context(lead: Lead, form, action: str) -> dict:
    return {"lead": lead, "form": form, "action": action}


@require_http_methods(["GET", "POST"])
def lead_contact(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = _get_lead(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.log_first_contact(
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
    return render(request, "leads/lead_action.html", _action_context(lead, form, "contact"))


@require_http_methods(["GET", "POST"])
def lead_stage(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Any other step from the lead page: SQL, opportunity, won, lost, recycle, disqualify."""
    lead = _get_lead(request, pk)
    form = StageForm(request.POST or request.GET or None)
    target = request.POST.get("to") or request.GET.get("to") or ""
    if target not in Stage.values or target in (Stage.MQL, Stage.SAL, Stage.REJECTED):
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.change_stage(
                lead_id=lead.pk,
                to=target,
                by=_me(request),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                expected=form.cleaned_data["expected"],
            )
        except TransitionRefused as refusal:
            if isinstance(refusal, lifecycle.Conflict) or request.htmx:
                return _respond(request, lead, error=str(refusal))
            form.add_error(None, str(refusal))
        else:
            done = _("%(lead)s is now %(stage)s.") % {"lead": lead, "stage": Stage(target).label}
            return _respond(request, lead, done=done)
    context = _action_context(lead, form, "stage") | {"target": Stage(target)}
    return render(request, "leads/lead_action.html", context)


@require_http_methods(["GET", "POST"])
def lead_reassign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_reassign(request.user))
    lead = _get_lead(request, pk)
    form = ReassignForm(request.POST or None, initial={"expected_owner": lead.owner_id})
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.reassign(
                lead_id=lead.pk,
                to_id=form.cleaned_data["to"],
                by=_me(request),
                note=form.cleaned_data["note"],
                expected_owner=form.cleaned_data["expected_owner"],
            )
        except TransitionRefused as refusal:
            if request.htmx or isinstance(refusal, lifecycle.Conflict):
                return _respond(request, lead, error=str(refusal))
            form.add_error(None, str(refusal))
        else:
            lead.refresh_from_db()
            done = _("%(lead)s now belongs to %(name)s.") % {"lead": lead, "name": lead.owner.name}
            return _respond(request, lead, done=done)
    return render(request, "leads/lead_action.html", _action_context(lead, form, "reassign"))


# Marketing: handoff and rejected leads --------------------------------------------------


@require_http_methods(["GET", "POST"])
def handoff_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    if request.method == "POST":
        return _hand_off(request)
    rows, has_next = hq.page_of(hq.ready_for_handoff(), page_number(request))
    context = {
        "leads": rows,
        "has_next": has_next,
        "number": page_number(request),
        "can_hand_off": roles.can_hand_off(request.user),
        "has_agreement": bool(hq.active_agreements()),
    }
    template = "leads/handoff_list.html#results" if request.htmx else "leads/handoff_list.html"
    return render(request, template, context)


def _hand_off(request: HttpRequest) -> HttpResponse:
    roles.require(roles.can_hand_off(request.user))
    ids = [int(value) for value in request.POST.getlist("lead") if value.isdecimal()]
    if not ids:
        messages.error(request, _("Select the leads to hand off first."))
        return redirect("handoff_list")
    done, refused = lifecycle.hand_off(lead_ids=ids, by=_me(request))
    for lead in done:
        messages.success(
            request,
            _("%(lead)s handed off to %(name)s; the accept clock runs.")
            % {"lead": lead, "name": lead.owner.name},
        )
    for lead, why in refused:
        messages.error(
            request, _("%(lead)s was not handed off: %(why)s") % {"lead": lead, "why": why}
        )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("handoff_list")


@require_GET
def rejected_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    rows, has_next = hq.page_of(hq.rejected_leads(), page_number(request))
    context = {
        "rejections": rows,
        "has_next": has_next,
        "number": page_number(request),
        "reasons": hq.top_rejection_reasons(),
        "can_decide": roles.can_hand_off(request.user),
    }
    template = "leads/rejected_list.html#results" if request.htmx else "leads/rejected_list.html"
    return render(request, template, context)


# The agreement --------------------------------------------------------------------------


@require_GET
def agreement(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": hq.active_agreements(),
        "drafts": HandoffAgreement.objects.filter(status=HandoffAgreement.Status.DRAFT)
        .select_related("segment")
        .order_by("segment__name"),
        "can_edit": roles.can_edit_agreement(request.user),
        "segments": Segment.objects.filter(active=True).order_by("name"),
    }
    return render(request, "leads/agreement.html", context)


@require_GET
def agreement_history(request: HttpRequest) -> HttpResponse:
    return render(request, "leads/agreement_history.html", {"versions": hq.agreement_history()})


@require_GET
def agreement_version(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        version = hq.agreement_detail(pk)
    except HandoffAgreement.DoesNotExist:
        raise Http404 from None
    person = roles.person_of(request.user)
    approved = {approval.team for approval in version.approvals.all()}
    context = {
        "version": version,
        "can_approve": [
            team
            for team in roles.approvable_teams(person)
            if team not in approved and version.status == HandoffAgreement.Status.DRAFT
        ],
        "can_edit": roles.can_edit_agreement(request.user),
    }
    return render(request, "leads/agreement_version.html", context)


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest) -> HttpResponse:
    roles.require(roles.can_edit_agreement(request.user))
    segment = None
    if request.GET.get("segment", "").isdecimal():
        segment = get_object_or_404(Segment, pk=request.GET["segment"])
    current = hq.current_version(segment.pk if segment else None)
    initial = initial_for_agreement(agreements.draft_values_from(current), current)
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            draft = agreements.save_draft(
                segment=segment,
                values=form.values(),
                salespeople=list(
                    lifecycle.active_salespeople().filter(pk__in=form.cleaned_data["salespeople"])
                ),
                by=_me(request),
                revision=form.cleaned_data["revision"],
            )
        except (agreements.AgreementRefused, ValidationError) as error:
            form.add_error(None, _messages_of(error))
        else:
            messages.success(
                request,
                _(
                    "Draft version %(version)s is saved. It takes effect once both managers "
                    "approve it."
                )
                % {"version": draft.version},  # fmt: skip
            )
            return redirect("agreement_version", draft.pk)
    context = {"form": form, "segment": segment, "current": current}
    return render(request, "leads/agreement_form.html", context)


def _messages_of(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


@require_POST
def agreement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    person = _me(request)
    team = request.POST.get("team", "")
    roles.require(roles.can_approve_agreement(person, team))
    version = get_object_or_404(HandoffAgreement, pk=pk)
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        version = agreements.approve(
            agreement_id=version.pk, team=team, by=person, revision=revision
        )
    except agreements.AgreementRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if version.status == HandoffAgreement.Status.ACTIVE:
            messages.success(request, _("Both teams approved: this version is now in force."))
        else:
            messages.success(request, _("Approved. It takes effect once the other team approves."))
    return redirect(reverse("agreement_version", args=[version.pk]))


# The lead page's part ---------------------------------------------------------------------


def lifecycle_context(request: HttpRequest, lead: Lead) -> dict:
    """The clock, the timeline and the steps this user may take, for the lead page."""
    person = roles.person_of(request.user)
    actor = lifecycle.actor_of(person, lead)
    targets = transitions.allowed_targets(Stage(lead.stage), actor)
    clock = hq.queue_row(lead.pk)
    problems: list[str] = []
    can_hand_off_now = Stage.MQL in targets
    if can_hand_off_now:
        problems = _handoff_problems(lead)
        can_hand_off_now = not problems
    return {
        "events": hq.timeline(lead),
        "clocks": hq.lead_clocks(lead),
        "clock": clock,
        "targets": [Stage(target) for target in targets],
        "can_hand_off_now": can_hand_off_now,
        "handoff_problems": problems,
        "can_log_contact": bool(
            clock and clock.clock.kind == "first_contact" and actor.capacities() & transitions.SALES
        ),
        "can_reassign": roles.can_reassign(request.user) and lead.stage in lifecycle.SALES_STAGES,
    }


def _handoff_problems(lead: Lead) -> list[str]:
    try:
        agreement = lifecycle.agreement_for(lead)
    except TransitionRefused as refusal:
        return [str(refusal)]
    recycled = lifecycle.recycled_at(lead) if lead.stage == Stage.RECYCLED else None
    return lifecycle.criteria_problems(lead, agreement, now=timezone.now(), recycled=recycled)
