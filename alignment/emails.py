"""Email copies of notifications, each in its recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from alignment.models import Notification


def send_notification_emails(notification_ids: list[int]) -> int:
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
