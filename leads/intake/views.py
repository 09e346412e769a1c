"""The lead records: the list, one lead's page, adding one, the CSV import and export, and
the API tokens."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest, template_for
from alignment.pagination import page_number
from leads.access import lead_for_user, lead_to_edit, may_edit
from leads.handoff import queries as handoff_queries
from leads.handoff import queues
from leads.handoff.forms import BulkReassignForm
from leads.handoff.queries import lead_lifecycle
from leads.intake import csv_export, csv_import, queries, services
from leads.intake.fields import label_of
from leads.intake.forms import (
    ApiTokenForm,
    LeadEditForm,
    LeadFilterForm,
    LeadForm,
    MappingForm,
    UploadForm,
)
from leads.intake.importing import csv_of
from leads.jobs import progress
from leads.models import ApiToken, ImportJob, Lead
from leads.profiles import explain
from leads.profiles.queries import active_profiles, facts_of

# Leads ----------------------------------------------------------------------------------


@require_GET
def lead_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_leads(request.user))
    filters = LeadFilterForm(request.GET)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "query": query.urlencode(),
        "page": queries.lead_page(filters.values(), number=page_number(request)),
        "can_create": roles.can_create_leads(request.user),
        **_bulk_reassignment(request),
    }
    template = template_for(request, "leads/intake/lead_list.html", "results")
    return render(request, template, context)


def _bulk_reassignment(request: HttpRequest) -> dict:
    """A sales manager reassigns a selection of the list (the leads sales is working on),
    with each person's queue size in the picker: the queue's bar, on this page too."""
    if not roles.can_reassign(request.user):
        return {"can_reassign": False}
    return {
        "can_reassign": True,
        "reassign_form": BulkReassignForm(sizes=queues.queue_sizes()),
        "sales_stages": handoff_queries.SALES_STAGES,
    }


@require_GET
def lead_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = lead_for_user(request, pk)
    context = {
        "lead": lead,
        "explanations": explain.explain(active_profiles(), facts_of(lead)),
        "can_edit": may_edit(request.user, lead),
        **lead_lifecycle(request.user, lead),
    }
    return render(request, "leads/intake/lead_detail.html", context)


def _duplicates(form: LeadForm, lead: Lead | None = None) -> list[queries.Duplicate]:
    """Possible duplicates of what the form holds, once the form is valid; for an edit only
    when the email address, name or company changes (an old match was already seen)."""
    values = form.lead_values()
    identity = ("email", "first_name", "last_name", "company")
    if lead is not None and all(values[name] == getattr(lead, name) for name in identity):
        return []
    found = queries.possible_duplicates(
        **{name: values[name] for name in identity}, exclude=lead and lead.pk
    )
    if found:
        form.ask_to_confirm()
    return found


@require_http_methods(["GET", "POST"])
def lead_create(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_create_leads(request.user))
    form = LeadForm(request.POST or None)
    duplicates: list[queries.Duplicate] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates(form)
        if not duplicates or form.cleaned_data["confirm_duplicate"]:
            try:
                lead = services.create_lead(
                    values=form.lead_values(), owner=form.cleaned_data["owner"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Lead %(name)s is added.") % {"name": lead})
                return redirect(lead)
    context = {"form": form, "duplicates": duplicates}
    return render(request, "leads/intake/lead_form.html", context)


@require_http_methods(["GET", "POST"])
def lead_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    lead = lead_to_edit(request, pk)
    focus = request.GET.get("field", "")
    form = LeadEditForm(
        request.POST or None, lead=lead, version=services.version_of(lead), focus=focus
    )
    context = {"lead": lead, "form": form, "duplicates": [], "saved_now": {}}
    if request.method == "POST" and form.is_valid():
        context["duplicates"] = _duplicates(form, lead)
        if not context["duplicates"] or form.cleaned_data["confirm_duplicate"]:
            try:
                lead, changes = services.edit_lead(
                    lead_id=lead.pk,
                    values=form.lead_values(),
                    by=roles.person_of(request.user),
                    version=form.cleaned_data["version"],
                )
            except services.EditConflict as conflict:
                context |= _after_conflict(request, form, conflict)
            except services.EditRefused as refusal:
                messages.error(request, str(refusal))
                return redirect(lead)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _saved_message(lead, changes))
                return redirect(lead)
    return render(request, "leads/intake/lead_form.html", context)


def _after_conflict(request, form: LeadEditForm, conflict) -> dict:
    """The form again with the user's values and the new version, the saved values that
    differ from them, and what happened."""
    current = conflict.lead
    data = request.POST.copy()
    data["version"] = services.version_of(current)
    again = LeadEditForm(data, lead=current, version=data["version"])
    again.is_valid()
    again.add_error(None, str(conflict))
    return {"form": again, "saved_now": form.differences(current)}


def _saved_message(lead: Lead, changes: list) -> str:
    if not changes:
        return _("Nothing was changed.")
    fields = ", ".join(label_of(name).lower() for name, *_values in changes)
    return _("Saved. Changed: %(fields)s.") % {"fields": fields}


@require_GET
def lead_export(request: HttpRequest) -> StreamingHttpResponse:
    roles.require(roles.can_view_leads(request.user))
    spreadsheet = csv_export.SpreadsheetFormat.of_active_language()
    columns, rows = queries.export_rows(LeadFilterForm(request.GET).values(), spreadsheet)
    response = StreamingHttpResponse(
        csv_export.stream(columns, rows, delimiter=spreadsheet.delimiter),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="leads-{stamp}.csv"'
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
    return render(request, "leads/intake/import_upload.html", {"form": form})


def _get_import(request: HttpRequest, pk: int) -> ImportJob:
    roles.require(roles.can_create_leads(request.user))
    try:
        return queries.import_job_for(pk, roles.person_of(request.user))
    except ImportJob.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def import_mapping(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    import_job = _get_import(request, pk)
    if import_job.job:
        return _import_outcome(request, import_job)
    form = MappingForm(request.POST or None, import_job=import_job)
    problems, report = [], None
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
            rejected, noted, total = services.check_import(import_job)
            report = {"rejected": rejected, "noted": noted, "total": total}
    csv_file = csv_of(import_job)
    context = {
        "import_job": import_job,
        "form": form,
        "problems": problems,
        "warnings": csv_import.handoff_warnings(
            import_job.mapping, queries.agreement_requirements(), csv_file
        ),
        "report": report,
        "columns": list(zip(form.column_fields(), _samples(csv_file), strict=False)),
    }
    return render(request, "leads/intake/import_mapping.html", context)


def _samples(csv_file: csv_import.CsvFile) -> list[str]:
    """Per column, its first values, so the user sees what a column holds."""
    reader = csv.reader(io.StringIO(csv_file.text), delimiter=csv_file.delimiter)
    next(reader)
    rows = [row for _, row in zip(range(3), reader, strict=False)]
    return [
        " · ".join(row[index][:40] for row in rows if index < len(row) and row[index])
        for index in range(len(csv_file.headers))
    ]


def _import_outcome(request: HttpRequest, import_job: ImportJob) -> HttpResponse:
    job = import_job.job
    context = {
        "import_job": import_job,
        "job": job,
        "job_done": progress.done_count(job),
        "errors": import_job.errors[:200],
        "notes": import_job.notes[:200],
        "valid_rows": services.valid_rows_left(import_job),
    }
    return render(request, "leads/intake/import_outcome.html", context)


@require_POST
def import_valid_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """After an all-or-nothing import refused the file: import its valid rows."""
    import_job = _get_import(request, pk)
    try:
        services.import_valid_rows(import_job=import_job)
    except csv_import.ImportRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(import_job)


@require_GET
def import_rejected(request: HttpRequest, pk: int) -> HttpResponse:
    import_job = _get_import(request, pk)
    if not import_job.rejected_csv:
        raise Http404
    rows = csv.reader(io.StringIO(import_job.rejected_csv), delimiter=import_job.delimiter)
    header = next(rows)
    # The file's own separator: the rows go back into the spreadsheet they came from.
    response = StreamingHttpResponse(
        csv_export.stream(header, rows, delimiter=import_job.delimiter), content_type="text/csv"
    )
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
    tokens = list(queries.api_tokens())
    for token in tokens:
        token.can_revoke = roles.can_revoke_api_token(request.user, token.created_by)
    context = {
        "form": form,
        "tokens": tokens,
        "new_token": new_token,
        "raw_token": raw,
        "now": timezone.now(),
    }
    return render(request, "leads/intake/api_tokens.html", context)


@require_http_methods(["GET", "POST"])
def api_token_revoke(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    roles.require(roles.can_manage_api_tokens(request.user))
    token = get_object_or_404(ApiToken, pk=pk, revoked_at=None)
    roles.require(roles.can_revoke_api_token(request.user, token.created_by))
    if request.method == "POST":
        services.revoke_api_token(token=token, by=roles.person_of(request.user))
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token})
        return redirect("leads:api_tokens")
    return render(request, "leads/intake/api_token_revoke.html", {"token": token})
