"""Writes for segments, leads, imports and API tokens. Every change goes through here."""

import csv
import hashlib
import io
import logging
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment.models import Person
from leads import csv_import, queries, scoring, scoring_sql
from leads.fields import search_text
from leads.models import (
    ApiToken,
    BackgroundJob,
    IdealCustomerProfile,
    IdempotencyRecord,
    ImportJob,
    Lead,
    LeadFit,
    Segment,
    Source,
)

RESCORE_BATCH = 100_000
IMPORT_BATCH = 5_000
# The key of the PostgreSQL advisory lock that makes scorings (rescores, imports) take
# turns; any fixed number that no other lock of the application uses.
SCORING_LOCK = 0x616C6E01

logger = logging.getLogger(__name__)


# Scoring --------------------------------------------------------------------------------


def fit_of(lead: Lead, profiles: list[scoring.Profile]) -> LeadFit:
    """The lead's (unsaved) fit row, from the reference scoring function."""
    fit = scoring.best_fit(profiles, queries.facts_of(lead))
    return LeadFit(
        lead=lead, score=fit.score if fit else 0, segment_id=fit.segment_id if fit else None
    )


def lock_scoring() -> None:
    """Wait for any other scoring and keep it waiting until the current transaction ends.

    Taken before the profiles are read: a run that waited then reads the profiles as they
    are now, so a run with older profiles can never write after one with newer ones. (On
    SQLite, which has one writer at a time, there is nothing to take.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCORING_LOCK])


def save_fits(fits: list[LeadFit]) -> None:
    LeadFit.objects.bulk_create(
        fits, update_conflicts=True, unique_fields=["lead"], update_fields=["score", "segment"]
    )


def progress_key(job_id: int) -> str:
    return f"leads:job:{job_id}:done"


def report_progress(job: BackgroundJob, done: int) -> None:
    """Progress goes to the cache: an import's own transaction hides it from other readers."""
    cache.set(progress_key(job.pk), done, timeout=24 * 3600)


def job_done_count(job: BackgroundJob) -> int:
    if job.status in (BackgroundJob.Status.DONE, BackgroundJob.Status.FAILED):
        return job.done
    return cache.get(progress_key(job.pk), job.done)


def _finish(job: BackgroundJob, *, status: str, done: int, message: str = "") -> None:
    job.status, job.done, job.message = status, done, message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "message", "finished_at"])


def start_rescore(*, by: Person | None) -> BackgroundJob:
    """Queue a rescoring of every lead, after the current transaction commits."""
    from leads import tasks

    job = BackgroundJob.objects.create(kind=BackgroundJob.Kind.RESCORE, started_by=by)
    transaction.on_commit(lambda: tasks.rescore_leads.delay(job.pk))
    return job


def rescore_all(*, job_id: int | None = None, batch: int = RESCORE_BATCH) -> int:
    """Rescore every lead against the active segments, one UPDATE per id range.

    Each range commits on its own, so progress is visible and locks stay short; a failure
    leaves some leads on the old profile, and running it again finishes the work. Each
    range takes the scoring lock and then reads the profiles, so a range scored after a
    profile change always uses the changed profile, whichever run scores it.
    """
    job = BackgroundJob.objects.get(pk=job_id) if job_id else None
    bounds = Lead.objects.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"] or 0, bounds["high"] or -1
    if job:
        job.status, job.total = BackgroundJob.Status.RUNNING, max(high - low + 1, 0)
        job.save(update_fields=["status", "total"])
    changed = 0
    try:
        for first in range(low, high + 1, batch):
            with transaction.atomic():
                lock_scoring()
                changed += scoring_sql.rescore_range(
                    queries.active_profiles(), first_id=first, last_id=first + batch - 1
                )
            if job:
                report_progress(job, min(first + batch, high + 1) - low)
    except Exception:
        if job:
            message = _("The rescoring stopped with an error; start it again to finish it.")
            _finish(job, status=BackgroundJob.Status.FAILED, done=0, message=message)
        raise
    _tidy_after_bulk_write(changed)
    if job:
        _finish(job, status=BackgroundJob.Status.DONE, done=job.total)
    return changed


def _tidy_after_bulk_write(changed: int) -> None:
    """After rewriting many fit rows, vacuum them on PostgreSQL: the lead list's index
    scans then skip the dead versions and the planner sees the new distribution. Only
    possible outside a transaction (so not inside a test's)."""
    if changed < 10_000 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {LeadFit._meta.db_table}")


# Segments -------------------------------------------------------------------------------


@transaction.atomic
def save_segment(
    *,
    segment: Segment | None,
    segment_fields: dict,
    icp_fields: dict,
    by: Person,
) -> tuple[Segment, BackgroundJob]:
    """Create or change a segment and its profile, then rescore all leads in the background."""
    segment = segment or Segment()
    for name, value in segment_fields.items():
        setattr(segment, name, value)
    segment.full_clean()
    segment.save()
    icp = IdealCustomerProfile.objects.filter(segment=segment).first()
    icp = icp or IdealCustomerProfile(segment=segment)
    for name, value in icp_fields.items():
        setattr(icp, name, value)
    icp.full_clean()
    icp.save()
    return segment, start_rescore(by=by)


# Leads ----------------------------------------------------------------------------------


def build_lead(values: dict, *, source: str) -> Lead:
    lead = Lead(source=source, **values)
    lead.email = lead.email.strip().lower()
    lead.search_text = search_text(values)
    return lead


@transaction.atomic
def create_lead(*, values: dict, source: str = Source.FORM, owner: Person | None = None) -> Lead:
    """Save a lead and score it against the active segments, in one transaction."""
    lead = build_lead(values, source=source)
    lead.owner = owner
    lead.full_clean()
    lead.save()
    fit = fit_of(lead, queries.active_profiles())
    fit.save()
    lead.fit = fit
    return lead


# API tokens -----------------------------------------------------------------------------


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(
    *, name: str, by: Person, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Returns the token and its raw value, which is shown once and never stored."""
    raw = "aln_" + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name, prefix=raw[:12], token_hash=hash_token(raw), created_by=by, expires_at=expires_at
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_body(lead: Lead) -> dict:
    return {
        "id": lead.pk,
        "email": lead.email,
        "stage": lead.stage,
        "fit_score": lead.fit.score,
        "segment": lead.fit.segment.name if lead.fit.segment else None,
        "url": lead.get_absolute_url(),
    }


def create_lead_from_api(
    *, token: ApiToken, values: dict, key: str = "", request_hash: str = ""
) -> tuple[int, dict, bool]:
    """(status, body, replayed). With an idempotency key the first answer is kept and a
    retry gets it back. A concurrent retry blocks on the unique (token, key) index until
    the first transaction ends, then fails to insert and replays the committed answer."""
    if not key:
        return 201, api_body(create_lead(values=values, source=Source.API)), False
    record = IdempotencyRecord.objects.filter(token=token, key=key).first()
    if record is None:
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    token=token, key=key, request_hash=request_hash
                )
                lead = create_lead(values=values, source=Source.API)
                record.lead, record.response = lead, api_body(lead)
                record.save(update_fields=["lead", "response"])
            return 201, record.response, False
        except IntegrityError:
            record = IdempotencyRecord.objects.get(token=token, key=key)
    if record.request_hash != request_hash:
        return (
            422,
            {
                "error": "idempotency_key_reused",
                "detail": _("This Idempotency-Key was used before with a different request body."),
            },
            True,
        )
    return record.status_code, record.response, True


# CSV import -----------------------------------------------------------------------------


@transaction.atomic
def create_import(*, data: bytes, filename: str, by: Person) -> ImportJob:
    """Store a checked upload; raises ImportRefused (and stores nothing) on a bad file."""
    parsed = csv_import.read_csv(data)
    job = ImportJob(
        created_by=by,
        filename=filename[:255],
        content=data,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        headers=parsed.headers,
        mapping=csv_import.auto_mapping(parsed.headers),
    )
    job.save()
    return job


def csv_of(import_job: ImportJob) -> csv_import.CsvFile:
    data = bytes(import_job.content)
    text = data.decode("utf-8-sig" if import_job.encoding == "utf-8" else "cp1252")
    return csv_import.CsvFile(text, import_job.encoding, import_job.delimiter, import_job.headers)


def check_import(import_job: ImportJob) -> tuple[list[csv_import.RowResult], int]:
    """(rows with problems, number of rows) for the validation report."""
    results = list(csv_import.rows(csv_of(import_job), import_job.mapping))
    return [row for row in results if row.problems], len(results)


@transaction.atomic
def start_import(
    *, import_job: ImportJob, mapping: dict, mode: str, duplicates: str
) -> BackgroundJob:
    """Start the import in the background, once: a second click finds the job of the first
    (the row lock makes two requests take turns) and starts nothing."""
    from leads import tasks

    import_job = ImportJob.objects.select_for_update().get(pk=import_job.pk)
    if import_job.job_id is not None:
        return import_job.job
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.IMPORT, started_by=import_job.created_by
    )
    import_job.mapping, import_job.mode, import_job.duplicates = mapping, mode, duplicates
    import_job.job = job
    import_job.save(update_fields=["mapping", "mode", "duplicates", "job"])
    transaction.on_commit(lambda: tasks.import_leads.delay(import_job.pk))
    return job


def run_import(*, import_id: int) -> ImportJob:
    """Check every row, then write in one transaction: all of it lands, or none of it."""
    import_job = ImportJob.objects.select_related("job").get(pk=import_id)
    job = import_job.job
    job.status = BackgroundJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        results = list(csv_import.rows(csv_of(import_job), import_job.mapping))
        job.total = len(results)
        job.save(update_fields=["total"])
        valid = [row for row in results if not row.problems]
        rejected = [row for row in results if row.problems]
        _record_rejections(import_job, rejected)
        if rejected and import_job.mode == ImportJob.Mode.ALL_OR_NOTHING:
            message = _("%(count)d rows have problems, so nothing was imported.") % {
                "count": len(rejected)
            }
            _finish(job, status=BackgroundJob.Status.FAILED, done=0, message=message)
            return import_job
        with transaction.atomic():
            _write_rows(import_job, valid, job)
    except Exception:  # the transaction above rolled everything back
        # The error itself (SQL, cell values) goes to the log, not to the page.
        logger.exception("Import %s failed", import_job.pk)
        import_job.created = import_job.updated = import_job.skipped = 0
        import_job.save(update_fields=["created", "updated", "skipped"])
        message = _("The import stopped with an error and nothing was imported.")
        _finish(job, status=BackgroundJob.Status.FAILED, done=0, message=message)
        return import_job
    _finish(job, status=BackgroundJob.Status.DONE, done=job.total)
    return import_job


def _record_rejections(import_job: ImportJob, rejected: list[csv_import.RowResult]) -> None:
    import_job.rejected = len(rejected)
    import_job.errors = [
        [row.number, column, problem] for row in rejected[:1000] for column, problem in row.problems
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=import_job.delimiter)
    writer.writerow([*import_job.headers, _("Problem")])
    for row in rejected:
        problems = "; ".join(f"{col}: {msg}" if col else msg for col, msg in row.problems)
        writer.writerow([*row.cells, problems])
    import_job.rejected_csv = out.getvalue() if rejected else ""
    import_job.save(update_fields=["rejected", "errors", "rejected_csv"])


def _existing_by_email(emails: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(emails), 5000):
        chunk = emails[start : start + 5000]
        for email, pk in (
            Lead.objects.filter(email__in=chunk).order_by("-id").values_list("email", "id")
        ):
            found[email] = pk  # newest first, so the oldest lead with the address wins
    return found


def _write_rows(
    import_job: ImportJob, valid: list[csv_import.RowResult], job: BackgroundJob
) -> None:
    """Insert the new leads in batches, then score them all with one set-based statement
    (the same rules as scoring.py, see scoring_sql.py)."""
    lock_scoring()
    profiles = queries.active_profiles()
    existing = _existing_by_email([row.values["email"] for row in valid])
    new_rows = [row for row in valid if row.values["email"] not in existing]
    old_rows = [row for row in valid if row.values["email"] in existing]
    first_id = (Lead.objects.aggregate(high=Max("id"))["high"] or 0) + 1
    done = 0
    now = timezone.now()
    for batch in _batches(new_rows, IMPORT_BATCH):
        _insert_leads([row.values for row in batch], now=now)
        done += len(batch)
        report_progress(job, done)
    if new_rows:
        last_id = Lead.objects.aggregate(high=Max("id"))["high"]
        scoring_sql.rescore_range(profiles, first_id=first_id, last_id=last_id)
    import_job.created = len(new_rows)
    if import_job.duplicates == ImportJob.Duplicates.UPDATE:
        _update_existing(old_rows, existing, profiles)
        import_job.updated, import_job.skipped = len(old_rows), 0
    else:
        import_job.updated, import_job.skipped = 0, len(old_rows)
    import_job.save(update_fields=["created", "updated", "skipped"])


def _insert_leads(rows: list[dict], *, now: datetime) -> None:
    """COPY on PostgreSQL (several times faster than INSERTs); bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        leads = [build_lead(values, source=Source.IMPORT) for values in rows]
        Lead.objects.bulk_create(leads, batch_size=500)
        return
    fields = [f for f in Lead._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    defaults |= {"source": Source.IMPORT, "created_at": now, "updated_at": now}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {Lead._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        for values in rows:
            row = defaults | values | {"search_text": search_text(values)}
            copy.write_row([row[f.attname] for f in fields])


def _update_existing(
    rows: list[csv_import.RowResult], existing: dict[str, int], profiles: list[scoring.Profile]
) -> None:
    now = timezone.now()
    for batch in _batches(rows, IMPORT_BATCH):
        leads = Lead.objects.in_bulk([existing[row.values["email"]] for row in batch])
        changed = []
        for row in batch:
            lead = leads[existing[row.values["email"]]]
            for name, value in row.values.items():
                if value is None or value == "":
                    continue  # a blank cell keeps what we know: CRM exports are full of them
                setattr(lead, name, value)
            lead.search_text = search_text(vars(lead))
            lead.updated_at = now
            changed.append(lead)
        fields = {name for row in batch for name in row.values} | {"search_text", "updated_at"}
        Lead.objects.bulk_update(changed, sorted(fields))
        save_fits([fit_of(lead, profiles) for lead in changed])


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
