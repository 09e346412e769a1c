"""The dashboards app: the budget, the dashboard and the targets are read by everyone;
managers set the plan and the targets and recompute the figures; sales enters (and
removes its own) spend lines."""

from django.urls import reverse

from tests.matrix import PERSONAS, Route

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
EVERYONE = dict.fromkeys(SIGNED_IN, 200)
PLANNERS = dict.fromkeys(SIGNED_IN, 403) | {"manager": 200, "sales_manager": 200, "admin": 200}
SALES = dict.fromkeys(SIGNED_IN, 403) | {"salesperson": 302, "sales_manager": 302}


def _sales_spend(world):
    from leads.campaigns import services

    def make():
        values = {"date": "2026-03-01", "amount": "80.00", "category": "travel",
                  "description": "Train"}  # fmt: skip
        return services.add_sales_spend(values=values, by=world.people["salesperson"])

    return world.once("spend", make)


def _run(world):
    from dashboards.models import SnapshotRun

    return world.once(
        "run", lambda: SnapshotRun.objects.create(first_day="2026-03-01", last_day="2026-03-01")
    )


def _target_cell(world) -> dict:
    return {"kpi": "mqls", "period": "quarter", "start": "2026-01-01", "value": "400",
            "version": "0"}  # fmt: skip


ROUTES = [
    Route("dashboards:dashboard", lambda w: reverse("dashboards:dashboard"), EVERYONE),
    Route(
        "dashboards:dashboard_export", lambda w: reverse("dashboards:dashboard_export"), EVERYONE
    ),  # fmt: skip
    Route(
        "dashboards:dashboard_recompute",
        lambda w: reverse("dashboards:dashboard_recompute"),
        PLANNERS,
        method="post",
    ),
    Route(
        "dashboards:dashboard_run",
        lambda w: reverse("dashboards:dashboard_run", args=[_run(w).pk]),
        PLANNERS,
    ),  # fmt: skip
    Route("dashboards:targets", lambda w: reverse("dashboards:targets"), EVERYONE),
    # A target saved: the editor again (no htmx) with a message.
    Route(
        "dashboards:target_cell",
        lambda w: reverse("dashboards:target_cell"),
        dict.fromkeys(SIGNED_IN, 403) | {"manager": 302, "sales_manager": 302, "admin": 302},
        method="post",
        data=_target_cell,
    ),
    Route("dashboards:budget", lambda w: reverse("dashboards:budget"), EVERYONE),
    Route("dashboards:budget_plan", lambda w: reverse("dashboards:budget_plan"), PLANNERS),
    Route(
        "dashboards:spend_add",
        lambda w: reverse("dashboards:spend_add"),
        SALES,
        method="post",
        data=lambda w: {
            "date": "2026-03-02",
            "amount": "12.50",
            "category": "travel",
            "description": "Parking",
        },  # fmt: skip
    ),
    # Whoever entered the line, or a sales manager.
    Route(
        "dashboards:spend_delete",
        lambda w: reverse("dashboards:spend_delete", args=[_sales_spend(w).pk]),
        SALES,
        method="post",
    ),
]
