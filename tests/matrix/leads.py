"""Leads, segments, imports and API tokens.

Who: marketers and managers manage segments and add leads; salespeople read, filter and
export; service agents see no leads (personal data outside their work); managers manage
API tokens; the admin may do everything. The API itself authenticates by token only.
"""

from django.urls import reverse

from leads import services
from leads.models import Source
from tests.matrix import PERSONAS, Route

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
READERS = dict.fromkeys(SIGNED_IN, 200) | {"service": 403}
MANAGERS_OF_SEGMENTS = dict.fromkeys(SIGNED_IN, 403) | {
    "marketer": 200,
    "manager": 200,
    "sales_manager": 200,
    "admin": 200,
}
TOKEN_MANAGERS = dict.fromkeys(SIGNED_IN, 403) | {
    "manager": 200,
    "sales_manager": 200,
    "admin": 200,
}


def _redirect_if_allowed(expect: dict[str, int]) -> dict[str, int]:
    return {p: (302 if status == 200 else status) for p, status in expect.items()}


def _segment(world):
    return world.once(
        "segment",
        lambda: services.save_segment(
            segment=None,
            segment_fields={"name": "Matrix", "description": "", "owner_id": None, "active": True},
            icp_fields={"industries": ["it"], "industry_weight": 1},
            by=world.people["marketer"],
        )[0],
    )


def _lead(world):
    return world.once(
        "lead", lambda: services.create_lead(values={"email": "m@x.nl"}, source=Source.FORM)
    )


def _import(world, *, rejected: bool = False):
    """An upload of the marketer's: other people who may import get 404, not someone
    else's file."""

    def make():
        import_job = services.create_import(
            data=b"Email\na@b.nl\n", filename="x.csv", by=world.people["marketer"]
        )
        import_job.rejected_csv = "Email,Problem\nbad,invalid\n"
        import_job.save()
        return import_job

    return world.once("import", make)


def _token(world):
    return world.once("token", lambda: services.create_api_token(
        name="Web", by=world.people["manager"])[0])  # fmt: skip


def _job(world):
    return world.once("job", lambda: services.start_rescore(by=None))


UPLOADER_ONLY = dict.fromkeys(SIGNED_IN, 403) | {
    "marketer": 200,
    "manager": 404,
    "sales_manager": 404,
    "admin": 404,
}


SEGMENT_DATA = {"name": "Matrix new", "industry_weight": 0, "employees_weight": 0,
                "revenue_weight": 0, "country_weight": 0, "title_weight": 0}  # fmt: skip
LEAD_DATA = {"last_name": "Bos", "email": "new@bos.nl", "company": "Bos BV"}

ROUTES = [
    Route("lead_list", lambda w: reverse("lead_list"), READERS),
    Route("lead_detail", lambda w: reverse("lead_detail", args=[_lead(w).pk]), READERS),
    Route("lead_export", lambda w: reverse("lead_export"), READERS),
    Route("lead_create", lambda w: reverse("lead_create"), MANAGERS_OF_SEGMENTS),
    Route(
        "lead_create",
        lambda w: reverse("lead_create"),
        _redirect_if_allowed(MANAGERS_OF_SEGMENTS),
        method="post",
        data=lambda w: LEAD_DATA,
    ),
    Route("segment_list", lambda w: reverse("segment_list"), READERS),
    Route("segment_create", lambda w: reverse("segment_create"), MANAGERS_OF_SEGMENTS),
    Route(
        "segment_create",
        lambda w: reverse("segment_create"),
        _redirect_if_allowed(MANAGERS_OF_SEGMENTS),
        method="post",
        data=lambda w: SEGMENT_DATA,
    ),
    Route(
        "segment_edit",
        lambda w: reverse("segment_edit", args=[_segment(w).pk]),
        MANAGERS_OF_SEGMENTS,
    ),
    Route(
        "segment_preview",
        lambda w: reverse("segment_preview"),
        MANAGERS_OF_SEGMENTS,
        method="post",
        data=lambda w: {"industries": ["it"], "industry_weight": "3"},
    ),
    Route("job_progress", lambda w: reverse("job_progress", args=[_job(w).pk]), READERS),
    Route("import_upload", lambda w: reverse("import_upload"), MANAGERS_OF_SEGMENTS),
    Route(
        "import_mapping", lambda w: reverse("import_mapping", args=[_import(w).pk]), UPLOADER_ONLY
    ),
    Route(
        "import_rejected", lambda w: reverse("import_rejected", args=[_import(w).pk]), UPLOADER_ONLY
    ),
    Route("api_tokens", lambda w: reverse("api_tokens"), TOKEN_MANAGERS),
    Route(
        "api_tokens",
        lambda w: reverse("api_tokens"),
        TOKEN_MANAGERS,
        method="post",
        data=lambda w: {"name": "Zapier"},
    ),
    Route(
        "api_token_revoke",
        lambda w: reverse("api_token_revoke", args=[_token(w).pk]),
        TOKEN_MANAGERS,
    ),
    Route(
        "api_token_revoke",
        lambda w: reverse("api_token_revoke", args=[_token(w).pk]),
        _redirect_if_allowed(TOKEN_MANAGERS),
        method="post",
    ),
    # The API answers 401 to anyone without a token, signed in or not.
    Route(
        "api_leads",
        lambda w: reverse("api_leads"),
        dict.fromkeys(PERSONAS, 401),
        method="post",
        public=True,
    ),
    Route(
        "api_openapi", lambda w: reverse("api_openapi"), dict.fromkeys(PERSONAS, 200), public=True
    ),
]


# The lifecycle and the handoff agreement ----------------------------------------------
# Anyone who reads leads may open the action forms; the services refuse the step itself
# to whoever the rules do not allow (tested in tests/leads/test_lifecycle.py), and the view
# then redirects back with the message, so those POSTs answer 302 for every reader.

QUEUE_VIEWERS = dict.fromkeys(SIGNED_IN, 403) | {
    "salesperson": 200,
    "manager": 200,
    "sales_manager": 200,
}
SALES_MANAGERS = dict.fromkeys(SIGNED_IN, 403) | {"sales_manager": 200}
AGREEMENT_EDITORS = dict.fromkeys(SIGNED_IN, 403) | {"manager": 200, "sales_manager": 200}
HANDING_OFF = dict.fromkeys(SIGNED_IN, 403) | {"marketer": 302, "manager": 302}
# A step the rules refuse to this person: the form again, with the reason why.
FORM_AGAIN = READERS
MARKETING_APPROVER = dict.fromkeys(SIGNED_IN, 403) | {"manager": 302}


def _agreement(world):
    from tests.leads.handoff_helpers import make_agreement

    return world.once(
        "agreement",
        lambda: make_agreement(
            marketing=world.people["manager"], sales=world.people["sales_manager"]
        ),
    )


def _draft(world):
    from leads import agreements

    def make():
        values = agreements.draft_values_from(None)
        return agreements.save_draft(
            segment=None, values=values, salespeople=[], by=world.people["sales_manager"]
        )

    return world.once("draft", make)


def _handed_off(world):
    from tests.leads.handoff_helpers import handed_off, ready_lead

    def make():
        _agreement(world)
        marketer = world.people["marketer"]
        return handed_off(ready_lead(by=marketer), by=marketer)

    return world.once("handed_off", make)


def _lead_url(name: str, **query):
    def path(world):
        url = reverse(name, args=[_handed_off(world).pk])
        return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    return path


ROUTES += [
    Route("queue", lambda w: reverse("queue"), QUEUE_VIEWERS),
    Route("lead_accept", _lead_url("lead_accept"), _redirect_if_allowed(READERS), method="post"),
    Route("lead_reject", _lead_url("lead_reject"), READERS),
    Route(
        "lead_reject",
        _lead_url("lead_reject"),
        FORM_AGAIN | {"salesperson": 302, "sales_manager": 302},
        method="post",
        data=lambda w: {"reason": "no_need", "expected": "mql"},
    ),
    Route("lead_contact", _lead_url("lead_contact"), READERS),
    Route(
        "lead_contact",
        _lead_url("lead_contact"),
        _redirect_if_allowed(READERS),
        method="post",
        data=lambda w: {"channel": "call"},
    ),
    Route("lead_stage", _lead_url("lead_stage", to="sql"), READERS),
    Route(
        "lead_stage",
        lambda w: reverse("lead_stage", args=[_lead(w).pk]),
        FORM_AGAIN | {"marketer": 302, "manager": 302},
        method="post",
        data=lambda w: {"to": "disqualified", "expected": "new"},
    ),
    Route("lead_reassign", _lead_url("lead_reassign"), SALES_MANAGERS),
    Route(
        "lead_reassign",
        _lead_url("lead_reassign"),
        _redirect_if_allowed(SALES_MANAGERS),
        method="post",
        data=lambda w: {"to": w.people["sales_manager"].pk},
    ),
    Route("handoff_list", lambda w: reverse("handoff_list"), READERS),
    Route(
        "handoff_list",
        lambda w: reverse("handoff_list"),
        HANDING_OFF,
        method="post",
        data=lambda w: {"lead": _lead(w).pk},
    ),
    Route("rejected_list", lambda w: reverse("rejected_list"), READERS),
    Route("agreement", lambda w: reverse("agreement"), dict.fromkeys(SIGNED_IN, 200)),
    Route(
        "agreement_history", lambda w: reverse("agreement_history"), dict.fromkeys(SIGNED_IN, 200)
    ),
    Route(
        "agreement_version",
        lambda w: reverse("agreement_version", args=[_agreement(w).pk]),
        dict.fromkeys(SIGNED_IN, 200),
    ),
    Route("agreement_edit", lambda w: reverse("agreement_edit"), AGREEMENT_EDITORS),
    Route(
        "agreement_approve",
        lambda w: reverse("agreement_approve", args=[_draft(w).pk]),
        MARKETING_APPROVER,
        method="post",
        data=lambda w: {"team": "marketing", "revision": _draft(w).revision},
    ),
]
