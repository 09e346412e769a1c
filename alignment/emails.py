"""Email copies of notifications, each in its recipient's language."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from alignment.models import Notification

logger = logging.getLogger(__name__)


def send_notification_emails(notification_ids: list[int]) -> int:
    """Send each notification's email; one that fails (a bad address, the mail server
    hanging up) is logged and does not stop the others. The notification itself is in
    the app either way."""
    notes = Notification.objects.filter(pk__in=notification_ids).select_related("recipient__user")
    sent = 0
    for note in notes:
        if not note.recipient.user.email:
            continue
        try:
            _send(note)
        except Exception:
            logger.exception("The email of notification %s could not be sent", note.pk)
        else:
            sent += 1
    return sent


def _send(note: Notification) -> None:
    with translation.override(note.recipient.language):
        link = f"{settings.SITE_URL}{note.url}" if note.url else settings.SITE_URL
        send_mail(
            subject=one_line(f"Alignment: {note.text}"),
            message=f"{note.text}\n\n{link}\n",
            from_email=None,
            recipient_list=[note.recipient.user.email],
        )


def one_line(text: str) -> str:
    """Header values hold no line breaks: a subject is built from names, and a name with
    one (from before names were checked, or the admin) must not break the email."""
    return " ".join(text.split())
