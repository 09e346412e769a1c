"""The Celery app. Without REDIS_URL, settings make the tasks a page starts run in the
web process (eager), and bin/background runs the periodic ones in a real worker and beat
on a queue kept in files (see CELERY_* in settings)."""

import os
from datetime import UTC, datetime
from pathlib import Path

from celery import Celery, signals
from celery.beat import PersistentScheduler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alignment.settings")

app = Celery("alignment")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# When an entry of the beat schedule last ran if it never did: long enough ago to be due.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


@signals.celeryd_init.connect
@signals.worker_process_init.connect
@signals.beat_init.connect
def background_statement_timeout(**kwargs) -> None:
    from alignment import db

    db.run_as_background()


@signals.celeryd_init.connect
@signals.beat_init.connect
def queue_tasks_for_real(**kwargs) -> None:
    """A worker or beat is what queues and runs tasks: in its process no task runs eagerly
    (beat would otherwise run each one itself instead of sending it to the worker). The
    folders of the embedded queue are made here, so a fresh clone needs no setup."""
    app.conf.task_always_eager = False
    options = app.conf.broker_transport_options or {}
    for name in ("data_folder_in", "data_folder_out", "control_folder"):
        if name in options:
            Path(options[name]).mkdir(parents=True, exist_ok=True)


class FirstStartScheduler(PersistentScheduler):
    """Celery's beat scheduler, but an entry that never ran is due at once: on a fresh
    install every periodic task (the breach scan, a nightly job) runs at the first start,
    not one interval later, and then on its schedule. The schedule file remembers the
    rest across restarts."""

    def merge_inplace(self, b) -> None:
        new = set(b) - set(self.schedule)
        super().merge_inplace(b)
        for name in new:
            self.schedule[name].last_run_at = NEVER
