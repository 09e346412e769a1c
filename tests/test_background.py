"""The background work runs as bin/serve runs it: bin/background starts a real Celery
worker with its beat on the embedded queue (files, no Redis), every entry of the beat
schedule runs at the first start, and Ctrl-C stops all of it."""

import importlib
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from alignment.celery import app
from alignment.models import Notification
from leads.models import SlaClock
from tests.conftest import make_person
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

ROOT = Path(settings.BASE_DIR)


def test_every_beat_entry_names_a_task_the_worker_knows():
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        importlib.import_module(entry["task"].rpartition(".")[0])  # as autodiscovery does
        assert entry["task"] in app.tasks, name


def _database_url() -> str:
    """The test database, as DATABASE_URL names it for the worker's own settings."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _alive_in_group(group: int) -> list[int]:
    """Processes of a process group that still run (zombies have ended)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _until(condition, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


@pytest.mark.django_db(transaction=True)
def test_bin_background_runs_the_breach_scan_at_once_and_stops_on_ctrl_c(tmp_path):
    marketer = make_person("marketer")
    owner = make_person("salesperson")
    make_agreement(marketing=make_person("manager"), sales=make_person("sales_manager"))
    lead = handed_off(ready_lead(by=marketer), by=marketer)
    SlaClock.objects.filter(lead=lead).update(due_at=timezone.now() - timedelta(hours=1))

    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {"DATABASE_URL": _database_url(), "TASK_QUEUE_DIR": str(tmp_path / "tasks")}
    log = (tmp_path / "worker.log").open("w+")
    worker = subprocess.Popen(
        ["bash", "bin/background"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )  # fmt: skip
    try:
        flagged = _until(
            lambda: SlaClock.objects.filter(lead=lead, breached_at__isnull=False).exists(),
            seconds=60,
        )
        # The breach email names the lead; the owner's address alone also shows in the
        # meeting invitations sent at the first start, while the worker is still busy.
        breach_email = f"/leads/{lead.pk}/"
        emailed = flagged and _until(lambda: breach_email in _read(log), seconds=20)
    finally:
        os.killpg(worker.pid, signal.SIGINT)
        returncode = worker.wait(timeout=30)
    output = _read(log)
    assert flagged, output
    assert Notification.objects.filter(recipient=owner, kind="sla_breach_accept").exists()
    assert emailed, output  # the email task went through the queue to the worker too
    assert "Sending due task scan-sla-breaches" in output
    assert returncode == 0, output
    assert _until(lambda: not _alive_in_group(worker.pid), seconds=10), output


def _read(log) -> str:
    log.flush()
    return Path(log.name).read_text()


def test_without_redis_a_page_runs_its_tasks_in_process_so_it_never_waits_for_the_worker():
    # In a fresh process with the embedded default's settings (the test run forces
    # eager tasks itself, so it cannot show this).
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    code = (
        "from alignment.celery import app; print(app.conf.task_always_eager, app.conf.broker_url)"
    )
    shell = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert shell.stdout.split() == ["True", "filesystem://"]
