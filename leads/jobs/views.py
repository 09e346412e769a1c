from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alignment import roles
from alignment.http import HtmxHttpRequest
from leads.jobs import progress
from leads.jobs.queries import jobs_visible_to
from leads.models import BackgroundJob


@require_GET
def job_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    job = get_object_or_404(jobs_visible_to(roles.person_of(request.user)), pk=pk)
    context = {"job": job, "job_done": progress.done_count(job)}
    response = render(request, "leads/jobs/_progress.html", context)
    if job.status in progress.FINISHED and request.htmx and job.kind == BackgroundJob.Kind.IMPORT:
        response["HX-Refresh"] = "true"  # the import page then shows the outcome
    return response
