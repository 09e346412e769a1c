"""Run the SLA breach scan once (the same work as the five-minute Celery beat task)."""

from django.core.management.base import BaseCommand

from leads.handoff import breaches


class Command(BaseCommand):
    help = "Flag handed-off leads whose accept or first-contact deadline passed, once each."

    def handle(self, *args, **options) -> None:
        flagged = breaches.scan_breaches()
        self.stdout.write(f"{flagged} new breach(es) flagged.")
