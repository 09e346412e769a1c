"""The assessment and action-item pages. Rules are checked here (alignment.roles) and
again in the services; templates only reflect them."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest
from alignment.models import Person
from relationships.actions import queries as action_queries
from relationships.actions.forms import ActionFromStepForm
from relationships.assessment import charts, queries, reminders, services
from relationships.assessment.forms import AnswerForm, RoundForm
from relationships.assessment.playbook import STEP_BY_KEY, steps_for
from relationships.assessment.stages import STAGES
from relationships.models import Invitation, Round

DEFAULT_ROUND_DAYS = 14
DEFAULT_ACTION_DAYS = 30


def _manager(request: HtmxHttpRequest) -> Person:
    person = roles.person_of(request.user)
    roles.require(roles.can_run_assessment(request.user))
    return person


def _get_round(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("questionnaire"), pk=pk)


@require_GET
def assessment(request: HtmxHttpRequest) -> HttpResponse:
    person = roles.person_of(request.user)
    managing = roles.can_run_assessment(request.user)
    history = queries.history(reader=person) if managing else []
    context = {
        "managing": managing,
        "rounds": queries.round_list(person, managing=managing),
        "history": history,
        "history_chart": charts.history_chart(history) if history else None,
        "today": timezone.localdate(),
        "stages": STAGES,
    }
    return render(request, "relationships/assessment/assessment.html", context)


@require_http_methods(["GET", "POST"])
def round_new(request: HtmxHttpRequest) -> HttpResponse:
    person = _manager(request)
    if request.method == "POST":
        form = RoundForm(request.POST)
    else:
        form = RoundForm(initial=_new_round_initial())
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(by=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round is open. Invitees see it on their home page."))
            return redirect("relationships:assessment_round", pk=round_.pk)
    return render(request, "relationships/assessment/round_new.html", {"form": form})


def _new_round_initial() -> dict:
    today = timezone.localdate()
    return {
        "title": _("Relationship check %(date)s") % {"date": today.strftime("%Y-%m")},
        "open_until": today + datetime.timedelta(days=DEFAULT_ROUND_DAYS),
        "invitees": list(queries.invitable_people()),
    }


@require_GET
def round_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = _manager(request)
    round_ = queries.round_with_progress(pk)
    if round_ is None:
        raise Http404
    result = queries.round_result(round_, reader=person)
    history = queries.history(reader=person) if result.is_closed else []
    progress = queries.progress(round_)
    waiting = sum(team.invited - team.answered for team in progress)
    open_and_waiting = waiting and not result.is_closed
    reminded = queries.reminded_today(round_) if open_and_waiting else 0
    context = {
        "round": round_,
        "progress": progress,
        "waiting": waiting,
        "reminded_today": reminded,
        "remindable": queries.remindable(round_) if open_and_waiting else 0,
        "days_before_close": reminders.DAYS_BEFORE_CLOSE,
        "result": result,
        "gap_chart": charts.gap_chart(result.themes) if result.themes else None,
        "history": history,
        "history_chart": charts.history_chart(history) if len(history) > 1 else None,
        "playbook": _playbook(round_, result, person),
        "stages": STAGES,
    }
    return render(request, "relationships/assessment/round_detail.html", context)


def _playbook(round_: Round, result: queries.RoundResult, person: Person) -> list[dict]:
    if result.stage is None:
        return []
    done = queries.actions_by_step(round_)
    owners = list(action_queries.possible_owners())  # once for every step's form
    return [
        {
            "step": step,
            "item": done.get(step.key),
            "form": _action_form(person, step.key, owners=owners),
        }
        for step in steps_for(result.stage.code)
    ]


def _action_form(
    person: Person, step_key: str, data=None, owners: list | None = None
) -> ActionFromStepForm:
    """Prefilled (owner: the manager, due in a month) so one click is enough. Every step
    has its own form on the page, hence ids carrying the step's key."""
    initial = {
        "owner": person.pk,
        "due_date": timezone.localdate() + datetime.timedelta(days=DEFAULT_ACTION_DAYS),
    }
    return ActionFromStepForm(data, initial=initial, auto_id=f"id_{step_key}_%s", owners=owners)


@require_http_methods(["GET", "POST"])
def round_close(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = _manager(request)
    round_ = _get_round(pk)
    if request.method == "POST":
        try:
            services.close_round(round_id=round_.pk, by=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The round is closed. Here are the results."))
        return redirect("relationships:assessment_round", pk=round_.pk)
    progress = queries.progress(queries.round_with_progress(round_.pk))
    return render(
        request,
        "relationships/assessment/round_close.html",
        {"round": round_, "progress": progress},
    )


@require_POST
def round_remind(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Remind the invitees who have not answered; each person at most once a day."""
    person = _manager(request)
    round_ = _get_round(pk)
    try:
        done = reminders.remind_round(round_id=round_.pk, by=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done.people:
            text = ngettext(
                "%(count)d person who has not answered yet was reminded.",
                "%(count)d people who have not answered yet were reminded.",
                done.people,
            ) % {"count": done.people}
            if done.already:
                text += " " + ngettext(
                    "%(count)d other was reminded today already.",
                    "%(count)d others were reminded today already.",
                    done.already,
                ) % {"count": done.already}
            messages.success(request, text)
        elif done.already:
            messages.info(
                request,
                _("Everyone who has not answered was reminded today already. Try again tomorrow."),
            )
        else:
            messages.info(request, _("Everyone invited has answered: there is nobody to remind."))
    return redirect(
        reverse("relationships:assessment_round", args=[round_.pk]) + "#progress-heading"
    )


@require_http_methods(["GET", "POST"])
def answer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = roles.person_of(request.user)
    round_ = _get_round(pk)
    invitation = queries.invitation_of(round_, person)
    if invitation is None:
        raise PermissionDenied
    statements = list(round_.questionnaire.statements.select_related("theme"))
    if request.method == "POST":
        form = AnswerForm(request.POST, statements=statements)
    else:
        form = AnswerForm(statements=statements, initial=_previous_answers(invitation))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_answers(round_id=round_.pk, person=person, ratings=form.ratings())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you, your answers are saved."))
            return redirect("dashboards:home")
    if request.method == "POST":
        status = 400
    context = {
        "round": round_,
        "form": form,
        "invitation": invitation,
        "is_open": round_.is_open(),
    }
    return render(request, "relationships/assessment/answer.html", context, status=status)


def _previous_answers(invitation: Invitation) -> dict:
    """A person sees and may change their own earlier answers, and nobody else's."""
    ratings = queries.own_ratings(invitation)
    return {AnswerForm.field_name(statement_id): rating for statement_id, rating in ratings}


@require_http_methods(["GET", "POST"])
def action_from_step(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    """One click turns a recommendation into an action item. htmx swaps the step in
    place; without JavaScript the same form posts here and we redirect back."""
    person = _manager(request)
    round_ = _get_round(pk)
    playbook_step = STEP_BY_KEY.get(step)
    if playbook_step is None:
        raise Http404
    form = _action_form(person, step, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_action_from_step(
                round_id=round_.pk, step_key=step, by=person, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _action_created(request, round_, playbook_step, item)
    if request.method == "POST":
        status = 400
    entry = {"step": playbook_step, "item": None, "form": form}
    template = (
        "relationships/assessment/round_detail.html#step"
        if request.htmx
        else ("relationships/assessment/action_from_step.html")
    )
    return render(request, template, {"round": round_, "entry": entry}, status=status)


def _action_created(request, round_, step, item) -> HttpResponse:
    if request.htmx:
        entry = {"step": step, "item": item, "form": None}
        return render(
            request,
            "relationships/assessment/round_detail.html#step",
            {"round": round_, "entry": entry},
        )
    messages.success(request, _("The action item is created."))
    return redirect(reverse("relationships:assessment_round", args=[round_.pk]) + "#playbook")
