from celery import shared_task

from alignment.emails import send_notification_emails


@shared_task
def email_notifications(notification_ids: list[int]) -> int:
    return send_notification_emails(notification_ids)
