import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest, page_number
from leads import csv_export, csv_import, explain, queries, scoring, scoring_sql, services
from leads.fields import COUNTRIES
from leads.forms import (
    ApiTokenForm,
    LeadFilterForm,
    LeadForm,
    MappingForm,
    SegmentForm,
    UploadForm,
    initial_for_segment,
)
from leads.handoff_views import lifecycle_context
from leads.models import ApiToken, BackgroundJob, ImportJob, Lead, Segment

PREVIEW_MINIMUM = 70


# Leads ----------------------------------------------------------------------------------


@require_GET
def lead_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    filters = LeadFilterForm(request.GET)
    page = queries.lead_page(filters.values(), number=page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "can_create": roles.can_create_leads(request.user),
    }
    template = "leads/lead_list.html#results" if request.htmx else "leads/lead_list.html"
    return render(request, template, context)


def _get_lead(request: HttpRequest, pk: int) -> Lead:
    roles.require(roles.can_view_leads(request.user))
    try:
        return queries.lead_detail(pk)
    except Lead.DoesNotExist:
        raise Http404 from None


@require_GET
def lead_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = _get_lead(request, pk)
    context = {
        "lead": lead,
        "country": COUNTRIES.get(lead.country, ""),
        "explanations": explain.explain(queries.active_profiles(), queries.facts_of(lead)),
        **lifecycle_context(request, lead),
    }
    return render(request, "leads/lead_detail.html", context)


@require_http_methods(["GET", "POST"])
def lead_create(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_create_leads(request.user))
    form = LeadForm(request.POST or None)
    duplicates: list[Lead] = []
    if request.method == "POST" and form.is_valid():
        duplicates = queries.duplicates_of(form.cleaned_data["email"])
        if not duplicates or form.cleaned_data["confirm_duplicate"]:
            return _save_lead(request, form)
    context = {"form": form, "duplicates": duplicates}
    return render(request, "leads/lead_form.html", context)


def _save_lead(request: HttpRequest, form: LeadForm) -> HttpResponse:
    owner_id = form.cleaned_data["owner"]
    owner = queries.people_choices().filter(pk=owner_id).first() if owner_id else None
    try:
        lead = services.create_lead(values=form.lead_values(), owner=owner)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "leads/lead_form.html", {"form": form, "duplicates": []})
    messages.success(request, _("Lead %(name)s is added.") % {"name": lead})
    return redirect(lead)


@require_GET
def lead_export(request: HttpRequest) -> StreamingHttpResponse:
    roles.require(roles.can_view_leads(request.user))
    columns, rows = queries.export_rows(LeadFilterForm(request.GET).values())
    response = StreamingHttpResponse(
        csv_export.stream(columns, rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="leads-{stamp}.csv"'
    return response


# Segments -------------------------------------------------------------------------------


@require_GET
def segment_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    job = None
    if request.GET.get("job", "").isdecimal():
        job = _visible_jobs(request).filter(pk=request.GET["job"]).first()
    context = {
        "segments": queries.segments_overview(),
        "can_manage": roles.can_manage_segments(request.user),
        "job": job,
        "job_done": services.job_done_count(job) if job else 0,
    }
    return render(request, "leads/segment_list.html", context)


@require_http_methods(["GET", "POST"])
def segment_create(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_manage_segments(request.user))
    return _segment_form(request, None)


@require_http_methods(["GET", "POST"])
def segment_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_manage_segments(request.user))
    segment = get_object_or_404(Segment.objects.select_related("icp"), pk=pk)
    return _segment_form(request, segment)


def _segment_form(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    initial = initial_for_segment(segment) if segment else None
    form = SegmentForm(request.POST or None, segment=segment, initial=initial)
    if request.method == "POST" and form.is_valid():
        segment_fields, icp_fields = form.split()
        try:
            segment, job = services.save_segment(
                segment=segment,
                segment_fields=segment_fields,
                icp_fields=icp_fields,
                by=roles.person_of(request.user),
            )
        except ValidationError as error:  # a rule of the models that the form missed
            _add_model_errors(form, error)
            return render(request, "leads/segment_form.html", {"form": form, "segment": segment})
        messages.success(
            request,
            _("Segment %(name)s is saved; all leads are being rescored.") % {"name": segment},
        )
        return redirect(f"{reverse('segment_list')}?job={job.pk}")
    return render(request, "leads/segment_form.html", {"form": form, "segment": segment})


def _add_model_errors(form: SegmentForm, error: ValidationError) -> None:
    """Each error at its field when the form has one, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@require_POST
def segment_preview(request: HtmxHttpRequest) -> HttpResponse:
    """The live preview: how many current leads this profile, as typed, would score ≥ 70."""
    roles.require(roles.can_manage_segments(request.user))
    form = SegmentForm(request.POST)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    profile = scoring.Profile(
        segment_id=1,
        industries=frozenset(data.get("industries") or ()),
        industry_weight=data.get("industry_weight") or 0,
        employees_min=data.get("employees_min"),
        employees_max=data.get("employees_max"),
        employees_weight=data.get("employees_weight") or 0,
        revenue_min=data.get("revenue_min"),
        revenue_max=data.get("revenue_max"),
        revenue_weight=data.get("revenue_weight") or 0,
        countries=frozenset(data.get("countries") or ()),
        country_weight=data.get("country_weight") or 0,
        title_words=tuple(data.get("title_words") or ()),
        title_weight=data.get("title_weight") or 0,
        excluded_email_domains=frozenset(data.get("excluded_email_domains") or ()),
        competitors=frozenset(data.get("competitors") or ()),
        exclude_other_countries=bool(data.get("exclude_other_countries")),
    )
    context = {
        "matching": scoring_sql.count_at_least(profile, minimum=PREVIEW_MINIMUM),
        "total": Lead.objects.count(),
        "minimum": PREVIEW_MINIMUM,
    }
    return render(request, "leads/segment_form.html#preview", context)


def _visible_jobs(request: HttpRequest) -> QuerySet[BackgroundJob]:
    roles.require(roles.can_view_leads(request.user))
    return queries.jobs_visible_to(roles.person_of(request.user))


@require_GET
def job_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_visible_jobs(request), pk=pk)
    finished = job.status in (BackgroundJob.Status.DONE, BackgroundJob.Status.FAILED)
    response = render(
        request,
        "leads/_progress.html",
        {"job": job, "job_done": services.job_done_count(job)},
    )
    if finished and request.htmx and job.kind == BackgroundJob.Kind.IMPORT:
        response["HX-Refresh"] = "true"  # the import page then shows the outcome
    return response


# CSV import -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def import_upload(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_create_leads(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            import_job = services.create_import(
                data=upload.read(), filename=upload.name, by=roles.person_of(request.user)
            )
        except csv_import.ImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect(import_job)
    return render(request, "leads/import_upload.html", {"form": form})


def _get_import(request: HttpRequest, pk: int) -> ImportJob:
    roles.require(roles.can_create_leads(request.user))
    person = roles.person_of(request.user)
    try:
        return queries.import_job_for(pk, person)
    except ImportJob.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def import_mapping(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    import_job = _get_import(request, pk)
    if import_job.job:
        return _import_outcome(request, import_job)
    form = MappingForm(request.POST or None, import_job=import_job)
    problems, report, row_count = [], None, None
    if request.method == "POST" and form.is_valid():
        problems = csv_import.mapping_problems(form.mapping())
        import_job.mapping = form.mapping()
        if not problems and request.POST.get("action") == "import":
            services.start_import(
                import_job=import_job,
                mapping=form.mapping(),
                mode=form.cleaned_data["mode"],
                duplicates=form.cleaned_data["duplicates"],
            )
            return redirect(import_job)
        if not problems:
            report, row_count = services.check_import(import_job)
    context = {
        "import_job": import_job,
        "form": form,
        "problems": problems,
        "report": report,
        "row_count": row_count,
        "columns": list(zip(form.column_fields(), _samples(import_job), strict=False)),
    }
    return render(request, "leads/import_mapping.html", context)


def _samples(import_job: ImportJob) -> list[str]:
    """Per column, its first values, so the user sees what a column holds."""
    text = services.csv_of(import_job).text
    reader = csv.reader(io.StringIO(text), delimiter=import_job.delimiter)
    next(reader)
    rows = [row for _, row in zip(range(3), reader, strict=False)]
    return [
        " · ".join(row[index][:40] for row in rows if index < len(row) and row[index])
        for index in range(len(import_job.headers))
    ]


def _import_outcome(request: HttpRequest, import_job: ImportJob) -> HttpResponse:
    job = import_job.job
    context = {
        "import_job": import_job,
        "job": job,
        "job_done": services.job_done_count(job),
        "errors": import_job.errors[:200],
    }
    return render(request, "leads/import_outcome.html", context)


@require_GET
def import_rejected(request: HttpRequest, pk: int) -> HttpResponse:
    import_job = _get_import(request, pk)
    if not import_job.rejected_csv:
        raise Http404
    rows = csv.reader(io.StringIO(import_job.rejected_csv), delimiter=import_job.delimiter)
    header = next(rows)
    response = StreamingHttpResponse(csv_export.stream(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="rejected-{import_job.pk}.csv"'
    return response


# API tokens -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def api_tokens(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_manage_api_tokens(request.user))
    form = ApiTokenForm(request.POST or None)
    new_token = raw = None
    if request.method == "POST" and form.is_valid():
        new_token, raw = services.create_api_token(
            name=form.cleaned_data["name"],
            by=roles.person_of(request.user),
            expires_at=form.cleaned_data["expires_at"],
        )
        form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": queries.api_tokens(),
        "new_token": new_token,
        "raw_token": raw,
        "now": timezone.now(),
    }
    return render(request, "leads/api_tokens.html", context)


@require_http_methods(["GET", "POST"])
def api_token_revoke(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_manage_api_tokens(request.user))
    token = get_object_or_404(ApiToken, pk=pk, revoked_at=None)
    if request.method == "POST":
        services.revoke_api_token(token=token)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token})
        return redirect("api_tokens")
    return render(request, "leads/api_token_revoke.html", {"token": token})
