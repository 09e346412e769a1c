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
