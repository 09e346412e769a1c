"""Job rotation pages: the quarter's calendar, proposing, deciding, the learnings."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.forms import show_service_errors
from alignment.http import HtmxHttpRequest
from relationships.models import Rotation, RotationStatus
from relationships.rotation import queries, services
from relationships.rotation.forms import DecisionForm, LearningsForm, QuarterForm, RotationForm


def _rotation_or_404(pk: int) -> Rotation:
    try:
        return queries.rotation(pk)
    except Rotation.DoesNotExist:
        raise Http404 from None


@require_GET
def rotations(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_rotations(request.user))
    form = QuarterForm(request.GET)
    day = form.cleaned_data["day"] if form.is_valid() and form.cleaned_data["day"] else None
    shown = queries.calendar(day or timezone.localdate())
    context = {
        "calendar": shown,
        "previous": shown.start - datetime.timedelta(days=1),
        "next": shown.end + datetime.timedelta(days=1),
        "today": timezone.localdate(),
        "can_propose": roles.can_propose_rotations(request.user),
    }
    return render(request, "relationships/rotation/rotations.html", context)


@require_http_methods(["GET", "POST"])
def rotation_new(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_propose_rotations(request.user))
    me = roles.person_of(request.user)
    form = RotationForm(request.POST or None, initial={"person": me})
    if not roles.is_manager(request.user):
        form.fields["person"].queryset = form.fields["person"].queryset.filter(pk=me.pk)
    if request.method == "POST" and form.is_valid():
        try:
            rotation = services.propose(by=me, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The rotation is proposed; a manager decides on it."))
            return redirect(rotation)
    return render(request, "relationships/rotation/rotation_new.html", {"form": form})


@require_GET
def rotation_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_view_rotations(request.user))
    rotation = _rotation_or_404(pk)
    proposed = rotation.status == RotationStatus.PROPOSED
    can_write = roles.can_write_learnings(request.user, rotation.person)
    context = {
        "rotation": rotation,
        "can_decide": proposed
        and roles.can_decide_rotation(request.user, rotation.person, rotation.host_team),
        "learnings_form": LearningsForm(initial={"learnings": rotation.learnings})
        if can_write
        and rotation.status == RotationStatus.APPROVED
        and rotation.starts_on <= timezone.localdate()
        else None,
    }
    return render(request, "relationships/rotation/rotation.html", context)


@require_POST
def rotation_decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    rotation = _rotation_or_404(pk)
    roles.require(roles.can_decide_rotation(request.user, rotation.person, rotation.host_team))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline."))
        return redirect(rotation)
    try:
        services.decide(rotation_id=rotation.pk, approve=form.cleaned_data["approve"],
                        by=roles.person_of(request.user))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision is recorded; %(name)s is told.")
                         % {"name": rotation.person.name})  # fmt: skip
    return redirect(rotation)


@require_POST
def rotation_learnings(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    rotation = _rotation_or_404(pk)
    roles.require(roles.can_write_learnings(request.user, rotation.person))
    form = LearningsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(rotation)
    try:
        services.write_learnings(rotation_id=rotation.pk, text=form.cleaned_data["learnings"],
                                 by=roles.person_of(request.user))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your learnings are shared with both teams."))
    return redirect(rotation)
