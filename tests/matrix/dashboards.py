"""The dashboards app: the budget, the dashboard and the targets are read by everyone;
managers set the plan and the targets and recompute the figures; sales enters (and
removes its own) spend lines."""

import datetime

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


# The weekly meeting: everyone reads it; managers plan it; the facilitator (the marketing
# manager persona here) or a manager runs it. Runners' POSTs answer with a redirect.
RUNNERS = dict.fromkeys(SIGNED_IN, 403) | {"manager": 302, "sales_manager": 302, "admin": 302}


def _meeting(world):
    from dashboards.meeting import services

    def make():
        return services.plan_meeting(
            week=datetime.date(2026, 3, 2), by=world.people["manager"], invite=False
        )

    return world.once("meeting", make)


def _item(world):
    return _meeting(world).items.order_by("position").first()


def _closed_meeting(world):
    from dashboards.meeting import services

    def make():
        meeting = services.plan_meeting(
            week=datetime.date(2026, 2, 23), by=world.people["manager"], invite=False
        )
        return services.close_meeting(meeting_id=meeting.pk, by=world.people["manager"],
                                      send=False)  # fmt: skip

    return world.once("closed-meeting", make)


def _meeting_url(name, *extra):
    return lambda w: reverse(f"dashboards:{name}", args=[_meeting(w).pk, *[f(w) for f in extra]])


def _item_pk(world):
    return _item(world).pk


ROUTES += [
    Route("dashboards:meeting_list", lambda w: reverse("dashboards:meeting_list"), EVERYONE),
    Route(
        "dashboards:meeting_plan",
        lambda w: reverse("dashboards:meeting_plan"),
        RUNNERS,
        method="post",
        data=lambda w: {"week": "2026-03-09"},
    ),  # fmt: skip
    Route("dashboards:meeting", _meeting_url("meeting"), EVERYONE),
    Route("dashboards:meeting_present", _meeting_url("meeting_present"), EVERYONE),
    # A section's facts: what the agenda loads per section (htmx), a page without JavaScript.
    Route("dashboards:meeting_item_facts", _meeting_url("meeting_item_facts", _item_pk), EVERYONE),
    Route(
        "dashboards:meeting_item_facts",
        _meeting_url("meeting_item_facts", _item_pk),
        EVERYONE,
        headers={"HX-Request": "true"},
    ),  # fmt: skip
    Route(
        "dashboards:meeting_minutes",
        lambda w: reverse("dashboards:meeting_minutes", args=[_closed_meeting(w).pk]),
        EVERYONE,
    ),  # fmt: skip
    Route("dashboards:meeting_ics", _meeting_url("meeting_ics"), EVERYONE),
    Route("dashboards:meeting_edit", _meeting_url("meeting_edit"), PLANNERS),
    Route(
        "dashboards:meeting_item_add",
        _meeting_url("meeting_item_add"),
        RUNNERS,
        method="post",
        data=lambda w: {"title": "Extra"},
    ),  # fmt: skip
    Route(
        "dashboards:meeting_item_move",
        _meeting_url("meeting_item_move", _item_pk),
        RUNNERS,
        method="post",
        data=lambda w: {"direction": "down"},
    ),  # fmt: skip
    Route(
        "dashboards:meeting_item_hide",
        _meeting_url("meeting_item_hide", _item_pk),
        RUNNERS,
        method="post",
        data=lambda w: {"hidden": "on"},
    ),  # fmt: skip
    Route(
        "dashboards:meeting_decision_add",
        _meeting_url("meeting_decision_add", _item_pk),
        RUNNERS,
        method="post",
        data=lambda w: {"text": "We do it."},
    ),  # fmt: skip
    Route(
        "dashboards:meeting_action_add",
        _meeting_url("meeting_action_add", _item_pk),
        RUNNERS,
        method="post",
        data=lambda w: {
            "title": "Call",
            "owner": w.people["salesperson"].pk,
            "due_date": "2099-01-01",
        },
    ),  # fmt: skip
    Route("dashboards:meeting_close", _meeting_url("meeting_close"), RUNNERS, method="post"),
]
