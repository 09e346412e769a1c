"""The segments and their ideal-customer profiles: the overview, the editor, its live
preview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.forms import show_service_errors
from alignment.http import HtmxHttpRequest
from leads.jobs import progress
from leads.jobs.queries import jobs_visible_to
from leads.models import Segment
from leads.profiles import queries, scoring, services
from leads.profiles.forms import JobForm, SegmentForm


@require_GET
def segment_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    job = None
    query = JobForm(request.GET)
    if query.is_valid() and query.cleaned_data["job"]:
        visible = jobs_visible_to(roles.person_of(request.user))
        job = visible.filter(pk=query.cleaned_data["job"]).first()
    context = {
        "segments": queries.segments_overview(),
        "can_manage": roles.can_manage_segments(request.user),
        "job": job,
        "job_done": progress.done_count(job) if job else 0,
        "high_fit": scoring.HIGH_FIT,
    }
    return render(request, "leads/profiles/segment_list.html", context)


@require_http_methods(["GET", "POST"])
def segment_create(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_manage_segments(request.user))
    return _segment_form(request, None)


@require_http_methods(["GET", "POST"])
def segment_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_manage_segments(request.user))
    return _segment_form(request, _get_segment(pk))


def _get_segment(pk: int) -> Segment:
    try:
        return queries.segment_for_editing(pk)
    except Segment.DoesNotExist:
        raise Http404 from None


def _segment_form(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    form = SegmentForm(request.POST or None, segment=segment)
    if request.method == "POST" and form.is_valid():
        try:
            segment, job = services.save_segment(
                segment=segment,
                segment_fields=form.segment_values(),
                icp_fields=form.profile_values(),
                salespeople=form.cleaned_data["salespeople"],
                by=roles.person_of(request.user),
            )
        except ValidationError as error:  # a rule of the models that the form missed
            show_service_errors(error, form)
        else:
            messages.success(
                request,
                _("Segment %(name)s is saved; all leads are being rescored.") % {"name": segment},
            )
            return redirect(f"{reverse('leads:segment_list')}?job={job.pk}")
    return render(request, "leads/profiles/segment_form.html", {"form": form, "segment": segment})


@require_POST
def segment_preview(request: HtmxHttpRequest, pk: int | None = None) -> HttpResponse:
    """The live preview: what saving the profile as typed would do to every segment, or
    what must be corrected first."""
    roles.require(roles.can_manage_segments(request.user))
    segment = _get_segment(pk) if pk is not None else None
    form = SegmentForm(request.POST, segment=segment)
    form.is_valid()
    errors = form.profile_errors()
    effect = None
    if not errors:
        effect = queries.edit_effect(
            segment=segment,
            values=form.profile_values(),
            active=form.cleaned_data.get("active", False),
            name=form.cleaned_data.get("name", ""),
        )
    context = {"errors": errors, "effect": effect, "minimum": scoring.HIGH_FIT}
    return render(request, "leads/profiles/segment_form.html#preview", context)
