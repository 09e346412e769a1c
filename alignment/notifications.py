"""Telling people what needs their attention: an in-app notification, and an email copy
sent after the data is committed (alignment.tasks.email_notifications)."""

from django.db import transaction

from alignment import tasks
from alignment.models import Notification, Person


def notify(
    *, recipients: list[Person], kind: str, params: dict, url: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per distinct recipient; email them once the data is committed.
    `kind` names a sentence registered in alignment.notification_texts."""
    unique = list({person.pk: person for person in recipients}.values())
    notes = Notification.objects.bulk_create(
        Notification(recipient=person, kind=kind, params=params, url=url) for person in unique
    )
    if email:
        ids = [note.pk for note in notes]
        # Robust: a batch (the breach scan) queues one email task per notify(); one that
        # fails is logged and the others still run.
        transaction.on_commit(lambda: tasks.email_notifications.delay(ids), robust=True)
    return notes
