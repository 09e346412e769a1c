"""Recompute now: a manager starts a run of today's figures and the page follows it."""

from datetime import date

from django.urls import reverse

from dashboards.models import Snapshot, SnapshotRun
from tests.conftest import make_person
from tests.dashboards.dashboard.helpers import DAY, EN, HTMX, get_board
from tests.leads.helpers import make_lead


def test_a_manager_recomputes_today_and_watches_it_finish(login, manager, run_tasks):
    make_lead(email="today@example.nl")
    client = login(manager)
    response = run_tasks(
        lambda: client.post(reverse("dashboards:dashboard_recompute"), headers=HTMX)
    )
    assert response.status_code == 200
    run = SnapshotRun.objects.get()
    assert (run.first_day, run.last_day) == (date(2026, 3, 10), date(2026, 3, 10))
    assert run.started_by == manager
    assert f'id="run-{run.pk}"' in response.text
    run.refresh_from_db()
    assert run.status == "done" and run.rows == Snapshot.objects.filter(day=run.last_day).count()
    assert Snapshot.objects.get(day=run.last_day, period="quarter", segment=None,
                                kpi="new_leads").value == 1  # fmt: skip
    progress = client.get(reverse("dashboards:dashboard_run", args=[run.pk]), headers=HTMX)
    assert progress["HX-Refresh"] == "true"
    assert get_board(client).context["board"].value("new_leads") == 1


def test_a_running_computation_keeps_polling(login, manager):
    run = SnapshotRun.objects.create(first_day=DAY, last_day=DAY, status="running", rows=40)
    url = reverse("dashboards:dashboard_run", args=[run.pk])
    response = login(manager).get(url, headers=HTMX)
    assert "HX-Refresh" not in response
    assert f'hx-get="{url}"' in response.text and "every 1s" in response.text
    assert "40 figures written" in response.text
    # Without htmx the page itself links back to the dashboard when done.
    run.status = "done"
    run.save()
    assert "HX-Refresh" not in login(manager).get(url, headers=EN)


def test_a_salesperson_cannot_recompute(login, salesperson):
    response = login(salesperson).post(reverse("dashboards:dashboard_recompute"))
    assert response.status_code == 403
    assert not SnapshotRun.objects.exists()
    assert "Recompute now</button>" not in get_board(login(salesperson)).text
    assert "Recompute now</button>" in get_board(login(make_person("manager"))).text
