"""The weekly meeting's pages: the list, the agenda, projector mode and the minutes, and
the facilitator's actions on the agenda (each also without JavaScript)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.forms import errors_in_words
from alignment.http import HtmxHttpRequest
from dashboards.meeting import mail, queries, services
from dashboards.meeting.forms import (
    DecisionForm,
    HideForm,
    ItemForm,
    MeetingActionForm,
    MeetingForm,
    MoveForm,
    PlanForm,
)
from dashboards.models import AgendaItem, Meeting
from relationships.actions import queries as action_queries

# How many lines of a list a section shows: all of them on the page (within reason), what
# fits one screen in projector mode.
AGENDA_ROWS, SCREEN_ROWS, SCREEN_TABLE_ROWS = ":50", ":4", ":8"


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return queries.meeting(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


@require_GET
def meeting_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_meetings(request.user))
    today = timezone.localdate()
    context = {
        "upcoming": queries.meetings(upcoming=True, today=today)[:6],
        "past": queries.meetings(upcoming=False, today=today)[:30],
        "this_week": queries.meeting_of_week(services.week_of(today)),
        "can_plan": roles.can_plan_meetings(request.user),
    }
    return render(request, "dashboards/meeting/meeting_list.html", context)


@require_POST
def meeting_plan(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_plan_meetings(request.user))
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect("dashboards:meeting_list")
    week = form.cleaned_data["week"] or timezone.localdate()
    meeting = services.plan_meeting(week=week, by=roles.person_of(request.user))
    return redirect(meeting)


def _page_context(request, meeting: Meeting) -> dict:
    can_run = roles.can_run_meeting(request.user, meeting.facilitator_id)
    return {
        "meeting": meeting,
        "entries": queries.entries(meeting),
        "can_run": can_run and not meeting.is_closed,
        "owners": _owners() if can_run and not meeting.is_closed else [],
        "today": timezone.localdate(),
        **_rows(presenting=False),
    }


def _rows(*, presenting: bool) -> dict:
    """How many lines of a list a section shows, on the agenda page or on the projector."""
    if presenting:
        return {"rows": SCREEN_ROWS, "table_rows": SCREEN_TABLE_ROWS, "presenting": True}
    return {"rows": AGENDA_ROWS, "table_rows": AGENDA_ROWS, "presenting": False}


@require_GET
def meeting_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    return render(request, "dashboards/meeting/meeting.html", _page_context(request, meeting))


@require_GET
def meeting_present(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    context = _page_context(request, meeting)
    context["entries"] = [entry for entry in context["entries"] if not entry.item.hidden]
    context |= _rows(presenting=True)
    return render(request, "dashboards/meeting/present.html", context)


@require_GET
def item_facts(request: HtmxHttpRequest, pk: int, item_id: int) -> HttpResponse:
    """One section's facts, read from the data as it is now: the agenda and projector mode
    load each section with a request of its own. Without JavaScript, a page of its own."""
    roles.require(roles.can_view_meetings(request.user))
    try:
        item = queries.section_item(pk, item_id)
    except AgendaItem.DoesNotExist:
        raise Http404 from None
    context = {
        "meeting": item.meeting,
        "item": item,
        "facts": queries.live_facts(item),
        **_rows(presenting=request.GET.get("present") == "1"),
    }
    template = "item_facts_section.html" if request.htmx else "item_facts.html"
    return render(request, "dashboards/meeting/" + template, context)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    roles.require(roles.can_run_meeting(request.user, meeting.facilitator_id))
    if meeting.is_closed:
        messages.error(request, str(services.CLOSED_MESSAGE))
        return redirect(meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_meeting(
                meeting_id=meeting.pk, values=form.cleaned_data, by=roles.person_of(request.user)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if saved.sequence != meeting.sequence:
                messages.success(
                    request, _("The meeting is saved; the attendees get the updated invitation.")
                )
            else:
                messages.success(request, _("The meeting is saved."))
        return redirect(meeting)
    return render(
        request, "dashboards/meeting/meeting_edit.html", {"meeting": meeting, "form": form}
    )


def _back(request, item: AgendaItem) -> HttpResponse:
    """Without JavaScript: back to the page the form was on (agenda or projector)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(f"{target}#item-{item.pk}")
    return redirect(item.meeting)


def _item_for(request, meeting_id: int, item_id: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=item_id, meeting_id=meeting_id
    )
    roles.require(roles.can_run_meeting(request.user, item.meeting.facilitator_id))
    return item


def _outcomes(request, item: AgendaItem, *, error: str = ""):
    """The item's decisions and new action items again (htmx), or back to the page."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return _back(request, item)
    context = {
        "item": queries.agenda_item(item.pk),
        "can_run": True,
        "owners": _owners(),
        "error": error,
        "next": request.POST.get("next", ""),
    }
    return render(request, "dashboards/meeting/_outcomes.html", context)


def _owners() -> list:
    """Who may own an action item, read once for every form on the page."""
    return list(action_queries.possible_owners())


@require_POST
def decision_add(request: HtmxHttpRequest, pk: int, item_id: int) -> HttpResponse:
    item = _item_for(request, pk, item_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _outcomes(request, item, error=errors_in_words(form))
    try:
        services.record_decision(
            item_id=item.pk, text=form.cleaned_data["text"], by=roles.person_of(request.user)
        )
    except ValidationError as error:
        return _outcomes(request, item, error=" ".join(error.messages))
    return _outcomes(request, item)


@require_POST
def action_add(request: HtmxHttpRequest, pk: int, item_id: int) -> HttpResponse:
    item = _item_for(request, pk, item_id)
    form = MeetingActionForm(request.POST)
    if not form.is_valid():
        return _outcomes(request, item, error=errors_in_words(form))
    try:
        services.add_action(item_id=item.pk, by=roles.person_of(request.user), **form.cleaned_data)
    except ValidationError as error:
        return _outcomes(request, item, error=" ".join(error.messages))
    return _outcomes(request, item)


@require_POST
def item_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    roles.require(roles.can_run_meeting(request.user, meeting.facilitator_id))
    form = ItemForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(errors_in_words(form))
        services.add_item(meeting_id=meeting.pk, by=roles.person_of(request.user),
                          **form.cleaned_data)  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(meeting)


@require_POST
def item_move(request: HtmxHttpRequest, pk: int, item_id: int) -> HttpResponse:
    item = _item_for(request, pk, item_id)
    form = MoveForm(request.POST)
    try:
        if form.is_valid():
            services.move_item(item_id=item.pk, up=form.cleaned_data["direction"] == "up",
                               by=roles.person_of(request.user))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


@require_POST
def item_hide(request: HtmxHttpRequest, pk: int, item_id: int) -> HttpResponse:
    item = _item_for(request, pk, item_id)
    form = HideForm(request.POST)
    form.is_valid()
    try:
        services.set_hidden(item_id=item.pk, hidden=form.cleaned_data.get("hidden", False),
                            by=roles.person_of(request.user))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


@require_POST
def meeting_close(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    roles.require(roles.can_run_meeting(request.user, meeting.facilitator_id))
    try:
        services.close_meeting(meeting_id=meeting.pk, by=roles.person_of(request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    messages.success(request, _("The meeting is closed; the minutes go to the attendees."))
    return redirect("dashboards:meeting_minutes", pk=meeting.pk)


@require_GET
def meeting_minutes(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    context = {
        "meeting": meeting,
        "items": queries.with_outcomes(meeting),
        "closed_actions": queries.closed_actions(meeting),
    }
    return render(request, "dashboards/meeting/minutes.html", context)


@require_GET
def meeting_ics(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    response = HttpResponse(mail.invitation_ics(meeting), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.week}.ics"'
    return response
