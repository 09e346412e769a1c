"""Writes of intake: a lead from the form or the API, API tokens, and the steps of a CSV
import before it runs (leads/intake/importing.py runs it)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.tokens import hash_token, new_token
from leads import tasks
from leads.access import may_edit
from leads.campaigns import stats
from leads.intake import csv_import, queries
from leads.intake.fields import build_lead, search_text
from leads.intake.importing import csv_of, history_of
from leads.models import (
    ApiToken,
    BackgroundJob,
    IdempotencyRecord,
    ImportJob,
    Lead,
    LeadEvent,
    Source,
    Stage,
)
from leads.profiles.queries import active_profiles
from leads.profiles.rescoring import fit_of, lock_scoring

# Leads ----------------------------------------------------------------------------------


@transaction.atomic
def create_lead(*, values: dict, source: str = Source.FORM, owner: Person | None = None) -> Lead:
    """Save a lead and score it against the active segments, in one transaction.

    It takes turns with the other scorings (rescoring.lock_scoring) before it reads the
    profiles: a rescoring that starts meanwhile waits for this lead and scores it again
    (its last range has no end), so a profile changed a moment ago is never missed."""
    if owner is not None and not roles.lead_owners().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("A lead is owned by a salesperson or a sales manager.")})
    lead = build_lead(values, source=source)
    lead.owner = owner
    lead.full_clean()
    lock_scoring()
    lead.save()
    fit = fit_of(lead, active_profiles())
    fit.save()
    lead.fit = fit
    stats.refresh([lead.source_campaign_id])
    return lead


class EditRefused(Exception):
    """An edit that may not be made (any more); the message says why, for the user."""


class EditConflict(EditRefused):
    """Someone else changed the lead after the form was opened: nothing is overwritten."""

    def __init__(self, lead: Lead, who: str):
        self.lead = lead
        super().__init__(
            _(
                "%(who)s changed this lead while you were editing it, so nothing was saved. "
                "Your changes are still in the form. Save again to keep them."
            )
            % {"who": who}
        )


def version_of(lead: Lead) -> str:
    """What an edit form carries to notice a change made meanwhile: the last write's time
    (every write of a lead sets updated_at)."""
    return lead.updated_at.isoformat()


@transaction.atomic(durable=True)
def edit_lead(*, lead_id: int, values: dict, by: Person, version: str) -> tuple[Lead, list]:
    """Correct a lead's data: (the lead, its changes as [field, old, new]). The change is
    an event in its timeline and the lead is scored again. Refused when the lead changed
    since `version` (EditConflict), or when it is no longer this person's to edit.

    It scores the lead again, so it takes turns with the other scorings (rescoring.lock_
    scoring) before it locks the lead: a rescoring writes the fits and then, by trigger, the
    running clocks' copies of them, an edit the lead's value (and so its clock) and then its
    fit; without the turns the two could wait for each other."""
    lock_scoring()
    try:
        lead = Lead.objects.select_for_update(of=("self",)).get(pk=lead_id)
    except Lead.DoesNotExist:
        raise EditRefused(_("This lead no longer exists.")) from None
    if not may_edit(by.user, lead):
        raise EditRefused(
            _("This lead is now %(stage)s: only its salesperson or a sales manager may change it.")
            % {"stage": Stage(lead.stage).label}
        )
    if version_of(lead) != version:
        raise EditConflict(lead, _last_writer(lead))
    campaign_before = lead.source_campaign_id
    changes = _apply(lead, values)
    if not changes:
        return lead, []
    now = timezone.now()
    lead.search_text, lead.updated_at = search_text(vars(lead)), now
    lead.full_clean()
    lead.save(update_fields=[name for name, *_ in changes] + ["search_text", "updated_at"])
    LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.EDIT, by=by, at=now, changes=changes)
    fit = fit_of(lead, active_profiles())
    fit.save()
    lead.fit = fit
    if lead.source_campaign_id != campaign_before:
        stats.refresh([campaign_before, lead.source_campaign_id])
    return lead, changes


def _apply(lead: Lead, values: dict) -> list[list]:
    """Put the values on the lead; the changed ones as [field, old, new], JSON-ready."""
    changes = []
    for name, new in values.items():
        old = getattr(lead, name)
        if name == "source_campaign":
            if (old and old.pk) != (new and new.pk):
                changes.append([name, old and old.name, new and new.name])
        elif old != new and not (_nothing(old) and _nothing(new)):
            changes.append([name, _json(old), _json(new)])
        setattr(lead, name, new)
    return changes


def _nothing(value) -> bool:
    return value in ("", None)


def _json(value):
    return str(value) if isinstance(value, Decimal) else value


def _last_writer(lead: Lead) -> str:
    last = (
        LeadEvent.objects.filter(lead=lead).select_related("by__user").order_by("at", "id").last()
    )
    if last and last.by and last.at >= lead.updated_at:
        return last.by.name
    return _("Someone else")


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
        row_count=parsed.row_count,
        column_filled=parsed.filled,
    )
    job.save()
    return job


def check_import(
    import_job: ImportJob,
) -> tuple[list[csv_import.RowResult], list[csv_import.RowResult], int]:
    """For the validation report: (rows with problems, which are not imported; rows with
    notes, which are; the number of rows)."""
    results = csv_import.rows(
        csv_of(import_job), import_job.mapping, queries.campaign_finder(), history_of()
    )
    problems, noted, count = [], [], 0
    for row in results:
        count += 1
        if row.problems:
            problems.append(row)
        elif row.notes:
            noted.append(row)
    return problems, noted, count


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


def valid_rows_left(import_job: ImportJob) -> int:
    """The valid rows of a file an all-or-nothing import refused for its bad rows; 0 when
    there is nothing to offer (it ran, it failed otherwise, or no row is valid)."""
    job = import_job.job
    refused = (
        job is not None
        and job.status == BackgroundJob.Status.FAILED
        and import_job.mode == ImportJob.Mode.ALL_OR_NOTHING
        and import_job.rejected > 0
    )
    return max(import_job.row_count - import_job.rejected, 0) if refused else 0


@transaction.atomic
def import_valid_rows(*, import_job: ImportJob) -> BackgroundJob:
    """The user's explicit second choice after an all-or-nothing import was refused: run
    it again, importing the valid rows. Once: a second click finds the first one's run."""
    import_job = (
        ImportJob.objects.select_for_update(of=("self",))
        .select_related("job")
        .get(pk=import_job.pk)
    )
    if import_job.mode == ImportJob.Mode.VALID_ROWS and import_job.job:
        return import_job.job
    if not valid_rows_left(import_job):
        raise csv_import.ImportRefused(_("There are no valid rows left to import from this file."))
    refused_run = import_job.job
    import_job.job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.IMPORT, started_by=import_job.created_by
    )
    import_job.mode = ImportJob.Mode.VALID_ROWS
    import_job.save(update_fields=["job", "mode"])
    refused_run.delete()
    transaction.on_commit(lambda: tasks.import_leads.delay(import_job.pk))
    return import_job.job
