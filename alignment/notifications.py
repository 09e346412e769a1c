"""Telling people what needs their attention: an in-app notification, and an email copy
sent after the data is committed (alignment.tasks.email_notifications)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from alignment import tasks
from alignment.models import Notification, Person

_emails_off: ContextVar[bool] = ContextVar("notification_emails_off", default=False)


@contextmanager
def without_emails() -> Iterator[None]:
    """Notifications made inside are shown in the app but not emailed: the demo data's
    people have made-up addresses."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def notify(
    *, recipients: list[Person], kind: str, params: dict, url: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per distinct recipient; email them once the data is committed.
    `kind` names a sentence registered in alignment.notification_texts."""
    unique = list({person.pk: person for person in recipients}.values())
    notes = Notification.objects.bulk_create(
        Notification(recipient=person, kind=kind, params=params, url=url) for person in unique
    )
    if email and not _emails_off.get():
        ids = [note.pk for note in notes]
        # Robust: a batch (the breach scan) queues one email task per notify(); one that
        # fails is logged and the others still run.
        transaction.on_commit(lambda: tasks.email_notifications.delay(ids), robust=True)
    return notes
