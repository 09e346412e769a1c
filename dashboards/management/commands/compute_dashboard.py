"""Compute the dashboard's snapshots now, with the same code as the nightly task."""

import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from dashboards.models import SnapshotRun
from dashboards.snapshots import services


class Command(BaseCommand):
    help = "Compute every KPI for a day (default: yesterday), or for the days before it too."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="The last day (YYYY-MM-DD).")
        parser.add_argument(
            "--backfill-days", type=int, default=0, help="Also compute this many days before it."
        )

    def handle(self, *args, date: date | None, backfill_days: int, **options) -> None:
        last = date or timezone.localdate() - timedelta(days=1)
        first = last - timedelta(days=max(backfill_days, 0))
        started = time.perf_counter()
        run = SnapshotRun.objects.create(first_day=first, last_day=last)
        run = services.run_now(run.pk)
        self.stdout.write(
            f"{run.rows:,} figures for {first} to {last} in {time.perf_counter() - started:.1f} s"
        )
