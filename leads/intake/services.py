"""Writes of intake: a lead from the form or the API, API tokens, and the steps of a CSV
import before it runs (leads/intake/importing.py runs it)."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.tokens import hash_token, new_token
from leads import tasks
from leads.campaigns import stats
from leads.intake import csv_import, queries
from leads.intake.fields import build_lead
from leads.intake.importing import csv_of
from leads.models import (
    ApiToken,
    BackgroundJob,
    IdempotencyRecord,
    ImportJob,
    Lead,
    Source,
)
from leads.profiles.queries import active_profiles
from leads.profiles.rescoring import fit_of

# Leads ----------------------------------------------------------------------------------


@transaction.atomic
def create_lead(*, values: dict, source: str = Source.FORM, owner: Person | None = None) -> Lead:
    """Save a lead and score it against the active segments, in one transaction."""
    if owner is not None and not roles.lead_owners().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("A lead is owned by a salesperson or a sales manager.")})
    lead = build_lead(values, source=source)
    lead.owner = owner
    lead.full_clean()
    lead.save()
    fit = fit_of(lead, active_profiles())
    fit.save()
    lead.fit = fit
    stats.refresh([lead.source_campaign_id])
    return lead


@dataclass(frozen=True)
class Once:
    """What became of a request with an idempotency key."""

    lead: Lead | None  # the lead the first request with this key made
    replayed: bool = False
    key_reused: bool = False  # the key came before with another request body


def create_lead_once(*, token: ApiToken, values: dict, key: str, request_hash: str) -> Once:
    """Create the lead once per (token, key): a retry finds the first request's lead. A
    concurrent retry blocks on the unique (token, key) index until the first transaction
    ends, then fails to insert and finds the committed record."""
    if not key:
        return Once(create_lead(values=values, source=Source.API))
    record = IdempotencyRecord.objects.filter(token=token, key=key).first()
    if record is None:
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    token=token, key=key, request_hash=request_hash
                )
                record.lead = create_lead(values=values, source=Source.API)
                record.save(update_fields=["lead"])
            return Once(record.lead)
        except IntegrityError:
            record = IdempotencyRecord.objects.select_related("lead__fit__segment").get(
                token=token, key=key
            )
    return Once(record.lead, replayed=True, key_reused=record.request_hash != request_hash)


# API tokens -----------------------------------------------------------------------------


@transaction.atomic
def create_api_token(
    *, name: str, by: Person, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Returns the token and its raw value, which is shown once and never stored."""
    raw = new_token("aln_")
    token = ApiToken(
        name=name, prefix=raw[:12], token_hash=hash_token(raw), created_by=by, expires_at=expires_at
    )
    token.full_clean()
    token.save()
    return token, raw


def mark_token_used(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: Person) -> ApiToken:
    roles.require(roles.can_revoke_api_token(by.user, token.created_by))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


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


def check_import(import_job: ImportJob) -> tuple[list[csv_import.RowResult], int]:
    """(rows with problems, number of rows) for the validation report."""
    finder = queries.campaign_finder()
    results = list(csv_import.rows(csv_of(import_job), import_job.mapping, finder))
    return [row for row in results if row.problems], len(results)


@transaction.atomic
def start_import(
    *, import_job: ImportJob, mapping: dict, mode: str, duplicates: str
) -> BackgroundJob:
    """Start the import in the background, once: a second click finds the job of the first
    (the row lock makes two requests take turns) and starts nothing."""
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
