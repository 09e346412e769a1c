"""In-app notifications (and their email copies).

Apps register the sentence for each kind of notification once, at import time:

    register("sla_breach", _("%(lead)s missed the %(clock)s deadline"))

and call notify(...) inside their write functions; emails go out after the commit.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alignment.models import Notification, Person

_TEXTS: dict[str, Promise] = {}


def register(kind: str, text: Promise) -> None:
    _TEXTS[kind] = text


def render_text(kind: str, params: dict) -> str:
    text = _TEXTS.get(kind)
    if text is None:
        return str(_("You have a new notification."))
    try:
        return str(text) % params
    except (KeyError, TypeError, ValueError):
        return str(text)


def notify(
    *, recipients: list[Person], kind: str, params: dict, url: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per distinct recipient; email them once the data is committed."""
    unique = list({person.pk: person for person in recipients}.values())
    notes = Notification.objects.bulk_create(
        Notification(recipient=person, kind=kind, params=params, url=url) for person in unique
    )
    if email:
        ids = [note.pk for note in notes]
        transaction.on_commit(lambda: _email_later(ids))
    return notes


def _email_later(notification_ids: list[int]) -> None:
    from alignment.tasks import email_notifications

    email_notifications.delay(notification_ids)


def send_notification_emails(notification_ids: list[int]) -> int:
    """Send each notification to its recipient, in the recipient's language."""
    notes = Notification.objects.filter(pk__in=notification_ids).select_related("recipient__user")
    sent = 0
    for note in notes:
        if not note.recipient.user.email:
            continue
        with translation.override(note.recipient.language):
            link = f"{settings.SITE_URL}{note.url}" if note.url else settings.SITE_URL
            send_mail(
                subject=f"Alignment: {note.text}",
                message=f"{note.text}\n\n{link}\n",
                from_email=None,
                recipient_list=[note.recipient.user.email],
            )
        sent += 1
    return sent
