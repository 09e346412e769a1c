from django.urls import reverse

from tests.matrix import ALL_SIGNED_IN, PERSONAS, Route


def _someone_in_sales(world) -> int:
    return world.people["salesperson"].pk


def _card_edit_data(world) -> dict:
    return {
        "first_name": "Sam",
        "last_name": "Seller",
        "email": "sam@example.com",
        "role": "salesperson",
        "team": "sales",
    }


def _salespersons_notification(world) -> str:
    from alignment.notifications import notify

    owner = world.people["salesperson"]
    (note,) = notify(recipients=[owner], kind="x", params={}, url="/", email=False)
    return reverse("alignment:notification_open", args=[note.pk])


# Only the salesperson themself, a sales manager and the admin may edit a salesperson's card.
CARD_EDIT = {p: 403 for p in PERSONAS if p != "anonymous"} | {
    "salesperson": 200,
    "sales_manager": 200,
    "admin": 200,
}

# A manager's card: only they themself and the admin (the customer director, too, who is
# not a persona here): no other manager, not even of the same team.
MANAGER_CARD_EDIT = {p: 403 for p in PERSONAS if p != "anonymous"} | {
    "sales_manager": 200,
    "admin": 200,
}

ROUTES = [
    # Managers of marketing and sales are sent on to the dashboard, their home page.
    Route(
        "dashboards:home",
        lambda w: reverse("dashboards:home"),
        ALL_SIGNED_IN | {"manager": 302, "sales_manager": 302},
    ),
    Route("alignment:directory", lambda w: reverse("alignment:directory"), ALL_SIGNED_IN),
    Route(
        "alignment:person_detail",
        lambda w: reverse("alignment:person_detail", args=[_someone_in_sales(w)]),
        ALL_SIGNED_IN,
    ),
    Route(
        "alignment:person_edit",
        lambda w: reverse("alignment:person_edit", args=[_someone_in_sales(w)]),
        CARD_EDIT,
    ),
    Route(
        "alignment:person_edit",
        lambda w: reverse("alignment:person_edit", args=[_someone_in_sales(w)]),
        {p: (302 if s == 200 else s) for p, s in CARD_EDIT.items()},
        method="post",
        data=_card_edit_data,
    ),
    Route(
        "alignment:person_edit",
        lambda w: reverse("alignment:person_edit", args=[w.people["sales_manager"].pk]),
        MANAGER_CARD_EDIT,
    ),
    # A missing file: 404 for colleagues, the login page for strangers.
    Route("media", lambda w: "/media/people/none.png", dict.fromkeys(PERSONAS, 404)),
    Route("favicon", lambda w: "/favicon.ico", dict.fromkeys(PERSONAS, 301), public=True),
    Route("healthz", lambda w: reverse("healthz"), dict.fromkeys(PERSONAS, 200), public=True),
    Route("login", lambda w: reverse("login"), dict.fromkeys(PERSONAS, 200), public=True),
    Route(
        "logout",
        lambda w: reverse("logout"),
        dict.fromkeys(PERSONAS, 302),
        method="post",
        public=True,
    ),
    Route("password_change", lambda w: reverse("password_change"), ALL_SIGNED_IN),
    Route("password_change_done", lambda w: reverse("password_change_done"), ALL_SIGNED_IN),
    Route(
        "set_language",
        lambda w: reverse("set_language"),
        dict.fromkeys(PERSONAS, 302),
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        public=True,
    ),
    Route(
        "alignment:notification_list",
        lambda w: reverse("alignment:notification_list"),
        ALL_SIGNED_IN,
    ),
    # A notification is its recipient's alone; to anybody else it does not exist.
    Route(
        "alignment:notification_open",
        _salespersons_notification,
        dict.fromkeys(PERSONAS, 404) | {"salesperson": 302},
        method="post",
    ),
    Route(
        "alignment:notifications_read_all",
        lambda w: reverse("alignment:notifications_read_all"),
        dict.fromkeys(PERSONAS, 302),
        method="post",
    ),
    Route(
        "admin:index",
        lambda w: reverse("admin:index"),
        dict.fromkeys(PERSONAS, 302) | {"admin": 200},
        without_person={"no_person": 302, "superuser_no_person": 200},
    ),
]
