"""The handoff agreement's pages: the rules in force, their history, one version, the
editor and the approval. Rules are checked in the services (and roles)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from leads.agreement import cycle, diff, queries, services
from leads.agreement.forms import (
    AgreementForm,
    ApprovalForm,
    CycleNoteForm,
    PhaseFormSet,
    ScopeForm,
    initial_for_agreement,
)
from leads.models import HandoffAgreement


def _me(request: HttpRequest):
    person = roles.person_of(request.user)
    roles.require(person is not None)
    return person


@require_GET
def agreement(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": queries.in_force_for_page(),
        "drafts": queries.drafts(),
        "can_edit": roles.can_edit_agreement(request.user),
        "segments": queries.segments_for_overrides(),
    }
    return render(request, "leads/agreement/agreement.html", context)


@require_GET
def agreement_history(request: HttpRequest) -> HttpResponse:
    context = {"rows": queries.history()}
    return render(request, "leads/agreement/agreement_history.html", context)


@require_GET
def agreement_version(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        version = queries.version_detail(pk)
    except HandoffAgreement.DoesNotExist:
        raise Http404 from None
    approved = {approval.team for approval in version.approvals.all()}
    is_draft = version.status == HandoffAgreement.Status.DRAFT
    base = queries.compared_with(version)
    context = {
        "version": version,
        "base": base,
        "changes": diff.changes(queries.rules_of(base), queries.rules_of(version)) if base else [],
        "can_approve": [
            team
            for team in roles.approvable_teams(request.user)
            if team not in approved and is_draft
        ],
        "can_edit": roles.can_edit_agreement(request.user),
    }
    return render(request, "leads/agreement/agreement_version.html", context)


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest) -> HttpResponse:
    roles.require(roles.can_edit_agreement(request.user))
    scope = ScopeForm(request.GET)
    if not scope.is_valid():
        raise Http404
    segment = scope.cleaned_data["segment"]
    current = queries.current_version(segment.pk if segment else None)
    form = AgreementForm(request.POST or None, initial=initial_for_agreement(current))
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.save_draft(
                segment=segment,
                # The buying cycle has its own editor: it stays as the current version has it.
                values={**form.values(), "buying_cycle": current.buying_cycle if current else []},
                salespeople=list(form.cleaned_data["salespeople"]),
                by=_me(request),
                revision=form.cleaned_data["revision"],
            )
        except (services.AgreementRefused, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", None) or [str(error)]))
        else:
            messages.success(
                request,
                _(
                    "Draft version %(version)s is saved. It takes effect once both managers "
                    "approve it."
                )
                % {"version": draft.version},  # fmt: skip
            )
            return redirect("leads:agreement_version", draft.pk)
    context = {"form": form, "segment": segment, "current": current}
    return render(request, "leads/agreement/agreement_form.html", context)


@require_http_methods(["GET", "POST"])
def agreement_cycle(request: HttpRequest) -> HttpResponse:
    """Change the buying-cycle map: like any rule, it makes a draft both managers approve."""
    roles.require(roles.can_edit_agreement(request.user))
    scope = ScopeForm(request.GET)
    if not scope.is_valid():
        raise Http404
    segment = scope.cleaned_data["segment"]
    current = queries.current_version(segment.pk if segment else None)
    phases = cycle.phases_of(current.buying_cycle if current else [])
    is_draft = current is not None and current.status == HandoffAgreement.Status.DRAFT
    note = CycleNoteForm(
        request.POST or None,
        initial={"revision": current.revision if is_draft else 0,
                 "change_note": current.change_note if is_draft else ""},
    )  # fmt: skip
    # Bound, the rows are what was posted: with the map as "initial", rows left as they
    # were would count as unchanged and drop out.
    if request.method == "POST":
        rows = PhaseFormSet(request.POST)
    else:
        rows = PhaseFormSet(initial=[phase.as_dict() for phase in phases])
    if request.method == "POST" and note.is_valid() and rows.is_valid():
        try:
            draft = services.save_draft(
                segment=segment,
                values={
                    **(current or HandoffAgreement()).rules(),
                    "buying_cycle": cycle.cleaned(rows.cleaned_data),
                    "change_note": note.cleaned_data["change_note"],
                },
                salespeople=list(current.salespeople.all()) if current else [],
                by=_me(request),
                revision=note.cleaned_data["revision"],
            )
        except (services.AgreementRefused, ValidationError) as error:
            note.add_error(None, " ".join(getattr(error, "messages", None) or [str(error)]))
        else:
            messages.success(
                request,
                _("Draft version %(version)s is saved. It takes effect once both managers "
                  "approve it.") % {"version": draft.version},
            )  # fmt: skip
            return redirect("leads:agreement_version", draft.pk)
    context = {"note": note, "rows": rows, "segment": segment, "current": current}
    return render(request, "leads/agreement/agreement_cycle.html", context)


@require_POST
def agreement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    person = _me(request)
    form = ApprovalForm(request.POST)
    team = request.POST.get("team", "")
    roles.require(roles.can_approve_agreement(request.user, team))
    version = get_object_or_404(HandoffAgreement, pk=pk)
    try:
        if not form.is_valid():
            raise services.AgreementRefused(
                _("The draft changed after you opened it. Read it again before you approve.")
            )
        version = services.approve(
            agreement_id=version.pk, team=team, by=person, revision=form.cleaned_data["revision"]
        )
    except services.AgreementRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if version.status == HandoffAgreement.Status.ACTIVE:
            messages.success(request, _("Both teams approved: this version is now in force."))
        else:
            messages.success(request, _("Approved. It takes effect once the other team approves."))
    return redirect("leads:agreement_version", version.pk)
