"""Leads, segments, imports and API tokens.

Who: marketers and managers manage segments and add leads; salespeople read, filter and
export; service agents see no leads (personal data outside their work); managers manage
API tokens; the admin may do everything. The API itself authenticates by token only.
"""

import datetime
from decimal import Decimal

from django.urls import reverse

from leads.intake import services as intake
from leads.models import HandoffAgreement, Source
from leads.profiles import services as profiles
from tests.matrix import PERSONAS, Route

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
ALL_SIGNED_IN_200 = dict.fromkeys(SIGNED_IN, 200)
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
# A token is revoked by the manager who made it (here the marketing manager) or an admin.
TOKEN_OWNER = dict.fromkeys(SIGNED_IN, 403) | {"manager": 200, "admin": 200}


def _redirect_if_allowed(expect: dict[str, int]) -> dict[str, int]:
    return {p: (302 if status == 200 else status) for p, status in expect.items()}


def _segment(world):
    return world.once(
        "segment",
        lambda: profiles.save_segment(
            segment=None,
            segment_fields={"name": "Matrix", "description": "", "owner": None, "active": True},
            icp_fields={"industries": ["it"], "industry_weight": 1},
            by=world.people["marketer"],
        )[0],
    )


def _lead(world):
    return world.once(
        "lead", lambda: intake.create_lead(values={"email": "m@x.nl"}, source=Source.FORM)
    )


def _import(world, *, rejected: bool = False):
    """An upload of the marketer's: other people who may import get 404, not someone
    else's file."""

    def make():
        import_job = intake.create_import(
            data=b"Email\na@b.nl\n", filename="x.csv", by=world.people["marketer"]
        )
        import_job.rejected_csv = "Email,Problem\nbad,invalid\n"
        import_job.save()
        return import_job

    return world.once("import", make)


def _version(lead) -> str:
    return intake.version_of(lead)


def _token(world):
    return world.once("token", lambda: intake.create_api_token(
        name="Web", by=world.people["manager"])[0])  # fmt: skip


def _job(world):
    return world.once("job", lambda: profiles.start_rescore(by=None))


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
    Route("leads:lead_list", lambda w: reverse("leads:lead_list"), READERS),
    Route("leads:lead_detail", lambda w: reverse("leads:lead_detail", args=[_lead(w).pk]), READERS),
    Route("leads:lead_export", lambda w: reverse("leads:lead_export"), READERS),
    # Before the handoff, whoever may add leads corrects them; after it, the lead's
    # salesperson or a sales manager (tests/leads/intake/test_lead_edit.py).
    Route(
        "leads:lead_edit",
        lambda w: reverse("leads:lead_edit", args=[_lead(w).pk]),
        MANAGERS_OF_SEGMENTS,
    ),
    Route(
        "leads:lead_edit",
        lambda w: reverse("leads:lead_edit", args=[_lead(w).pk]),
        _redirect_if_allowed(MANAGERS_OF_SEGMENTS),
        method="post",
        data=lambda w: {"email": "m@x.nl", "phone": "010 1", "version": _version(_lead(w))},
    ),
    Route(
        "leads:lead_edit",
        lambda w: reverse("leads:lead_edit", args=[_handed_off(w).pk]),
        dict.fromkeys(SIGNED_IN, 403) | {"salesperson": 200, "sales_manager": 200},
    ),
    Route("leads:lead_create", lambda w: reverse("leads:lead_create"), MANAGERS_OF_SEGMENTS),
    Route(
        "leads:lead_create",
        lambda w: reverse("leads:lead_create"),
        _redirect_if_allowed(MANAGERS_OF_SEGMENTS),
        method="post",
        data=lambda w: LEAD_DATA,
    ),
    Route("leads:segment_list", lambda w: reverse("leads:segment_list"), READERS),
    Route("leads:segment_create", lambda w: reverse("leads:segment_create"), MANAGERS_OF_SEGMENTS),
    Route(
        "leads:segment_create",
        lambda w: reverse("leads:segment_create"),
        _redirect_if_allowed(MANAGERS_OF_SEGMENTS),
        method="post",
        data=lambda w: SEGMENT_DATA,
    ),
    Route(
        "leads:segment_edit",
        lambda w: reverse("leads:segment_edit", args=[_segment(w).pk]),
        MANAGERS_OF_SEGMENTS,
    ),
    Route(
        "leads:segment_preview",
        lambda w: reverse("leads:segment_preview"),
        MANAGERS_OF_SEGMENTS,
        method="post",
        data=lambda w: {"industries": ["it"], "industry_weight": "3"},
    ),
    Route(
        "leads:segment_edit_preview",
        lambda w: reverse("leads:segment_edit_preview", args=[_segment(w).pk]),
        MANAGERS_OF_SEGMENTS,
        method="post",
        data=lambda w: {"industries": ["it"], "industry_weight": "3"},
    ),
    Route(
        "leads:job_progress", lambda w: reverse("leads:job_progress", args=[_job(w).pk]), READERS
    ),
    Route("leads:import_upload", lambda w: reverse("leads:import_upload"), MANAGERS_OF_SEGMENTS),
    Route(
        "leads:import_mapping",
        lambda w: reverse("leads:import_mapping", args=[_import(w).pk]),
        UPLOADER_ONLY,
    ),
    Route(
        "leads:import_valid_rows",
        lambda w: reverse("leads:import_valid_rows", args=[_import(w).pk]),
        _redirect_if_allowed(UPLOADER_ONLY),
        method="post",
    ),
    Route(
        "leads:import_rejected",
        lambda w: reverse("leads:import_rejected", args=[_import(w).pk]),
        UPLOADER_ONLY,
    ),
    Route("leads:api_tokens", lambda w: reverse("leads:api_tokens"), TOKEN_MANAGERS),
    Route(
        "leads:api_tokens",
        lambda w: reverse("leads:api_tokens"),
        TOKEN_MANAGERS,
        method="post",
        data=lambda w: {"name": "Zapier"},
    ),
    Route(
        "leads:api_token_revoke",
        lambda w: reverse("leads:api_token_revoke", args=[_token(w).pk]),
        TOKEN_OWNER,
    ),
    Route(
        "leads:api_token_revoke",
        lambda w: reverse("leads:api_token_revoke", args=[_token(w).pk]),
        _redirect_if_allowed(TOKEN_OWNER),
        method="post",
    ),
    # The API answers 401 to anyone without a token, signed in or not.
    Route(
        "leads:api_leads",
        lambda w: reverse("leads:api_leads"),
        dict.fromkeys(PERSONAS, 401),
        method="post",
        public=True,
    ),
    Route(
        "leads:api_openapi",
        lambda w: reverse("leads:api_openapi"),
        dict.fromkeys(PERSONAS, 200),
        public=True,
    ),
]


# The lifecycle and the handoff agreement ----------------------------------------------
# Anyone who reads leads may open the action forms; the services refuse the step itself
# to whoever the rules do not allow (tested in tests/leads/test_lifecycle.py), and the view
# then redirects back with the message, so those POSTs answer 302 for every reader.

# The queue is sales' work list (roles.can_view_queue): not the marketing manager's.
QUEUE_VIEWERS = dict.fromkeys(SIGNED_IN, 403) | {"salesperson": 200, "sales_manager": 200}
SALES_MANAGERS = dict.fromkeys(SIGNED_IN, 403) | {"sales_manager": 200}
AGREEMENT_EDITORS = dict.fromkeys(SIGNED_IN, 403) | {"manager": 200, "sales_manager": 200}
HANDING_OFF = dict.fromkeys(SIGNED_IN, 403) | {"marketer": 302, "manager": 302}
# A step the rules refuse to this person: the form again, with the reason why.
FORM_AGAIN = READERS
MARKETING_APPROVER = dict.fromkeys(SIGNED_IN, 403) | {"manager": 302}


def _agreement(world):
    from tests.leads.handoff.helpers import make_agreement

    return world.once(
        "agreement",
        lambda: make_agreement(
            marketing=world.people["manager"], sales=world.people["sales_manager"]
        ),
    )


def _draft(world):
    from leads.agreement import services as agreements

    def make():
        values = HandoffAgreement().rules()
        return agreements.save_draft(
            segment=None, values=values, salespeople=[], by=world.people["sales_manager"]
        )

    return world.once("draft", make)


def _handed_off(world):
    from tests.leads.handoff.helpers import handed_off, ready_lead

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
    Route("leads:queue", lambda w: reverse("leads:queue"), QUEUE_VIEWERS),
    Route(
        "leads:queue_view",
        lambda w: reverse("leads:queue_view"),
        _redirect_if_allowed(QUEUE_VIEWERS),
        method="post",
        data=lambda w: {"view": "table"},
    ),
    Route(
        "leads:queue_reassign",
        lambda w: reverse("leads:queue_reassign"),
        _redirect_if_allowed(SALES_MANAGERS),
        method="post",
        data=lambda w: {"lead": _handed_off(w).pk, "to": w.people["sales_manager"].pk},
    ),
    Route(
        "leads:lead_accept",
        _lead_url("leads:lead_accept"),
        _redirect_if_allowed(READERS),
        method="post",
    ),
    Route("leads:lead_reject", _lead_url("leads:lead_reject"), READERS),
    Route(
        "leads:lead_reject",
        _lead_url("leads:lead_reject"),
        FORM_AGAIN | {"salesperson": 302, "sales_manager": 302},
        method="post",
        data=lambda w: {"reason": "no_need", "expected": "mql"},
    ),
    Route("leads:lead_contact", _lead_url("leads:lead_contact"), READERS),
    Route(
        "leads:lead_contact",
        _lead_url("leads:lead_contact"),
        _redirect_if_allowed(READERS),
        method="post",
        data=lambda w: {"channel": "call"},
    ),
    Route("leads:lead_stage", _lead_url("leads:lead_stage", to="sql"), READERS),
    Route(
        "leads:lead_stage",
        lambda w: reverse("leads:lead_stage", args=[_lead(w).pk]),
        FORM_AGAIN | {"marketer": 302, "manager": 302},
        method="post",
        data=lambda w: {"to": "disqualified", "expected": "new"},
    ),
    Route("leads:lead_reassign", _lead_url("leads:lead_reassign"), SALES_MANAGERS),
    Route(
        "leads:lead_reassign",
        _lead_url("leads:lead_reassign"),
        _redirect_if_allowed(SALES_MANAGERS),
        method="post",
        data=lambda w: {"to": w.people["sales_manager"].pk},
    ),
    Route("leads:handoff_list", lambda w: reverse("leads:handoff_list"), READERS),
    Route(
        "leads:handoff_list",
        lambda w: reverse("leads:handoff_list"),
        HANDING_OFF,
        method="post",
        data=lambda w: {"lead": _lead(w).pk},
    ),
    Route("leads:rejected_list", lambda w: reverse("leads:rejected_list"), READERS),
    Route("leads:agreement", lambda w: reverse("leads:agreement"), dict.fromkeys(SIGNED_IN, 200)),
    Route(
        "leads:agreement_history",
        lambda w: reverse("leads:agreement_history"),
        dict.fromkeys(SIGNED_IN, 200),
    ),
    Route(
        "leads:agreement_version",
        lambda w: reverse("leads:agreement_version", args=[_agreement(w).pk]),
        dict.fromkeys(SIGNED_IN, 200),
    ),
    Route("leads:agreement_edit", lambda w: reverse("leads:agreement_edit"), AGREEMENT_EDITORS),
    Route("leads:agreement_cycle", lambda w: reverse("leads:agreement_cycle"), AGREEMENT_EDITORS),
    Route(
        "leads:agreement_approve",
        lambda w: reverse("leads:agreement_approve", args=[_draft(w).pk]),
        MARKETING_APPROVER,
        method="post",
        data=lambda w: {"team": "marketing", "revision": _draft(w).revision},
    ),
]


# Campaigns ------------------------------------------------------------------------------
# Everyone reads campaigns; marketers make them and edit their own, marketing managers all.
# The campaign below belongs to the marketer; the deal page is for the lead's salesperson.

CAMPAIGN_MAKERS = dict.fromkeys(SIGNED_IN, 403) | {"marketer": 200, "manager": 200, "admin": 200}
CAMPAIGN_EDITORS = CAMPAIGN_MAKERS  # the owner (marketer), marketing managers, the admin


def _campaign(world):
    from tests.leads.campaigns.helpers import make_campaign

    return world.once("campaign", lambda: make_campaign(owner=world.people["marketer"]))


def _cost_line(world):
    from leads.campaigns import services as campaigns

    def make():
        values = {"date": "2026-01-10", "amount": "100.00", "category": "campaigns",
                  "description": "Print"}  # fmt: skip
        return campaigns.add_cost(campaign=_campaign(world), values=values,
                                  by=world.people["marketer"])  # fmt: skip

    return world.once("cost", make)


def _won_lead(world):
    from leads.handoff import services as lifecycle

    def make():
        lead = _handed_off(world)
        owner = lead.owner
        for stage in ("sal", "sql", "opportunity"):
            lifecycle.change_stage(lead_id=lead.pk, to=stage, by=owner, **DEAL)
        return lead

    return world.once("opportunity", make)


DEAL = {"amount": Decimal("1000.00"), "close_date": datetime.date(2026, 1, 15)}

ROUTES += [
    Route("leads:campaign_list", lambda w: reverse("leads:campaign_list"), ALL_SIGNED_IN_200),
    Route("leads:campaign_create", lambda w: reverse("leads:campaign_create"), CAMPAIGN_MAKERS),
    Route("leads:campaigns_coming", lambda w: reverse("leads:campaigns_coming"), ALL_SIGNED_IN_200),
    Route("leads:calendar_feed", lambda w: reverse("leads:calendar_feed"), ALL_SIGNED_IN_200),
    Route(
        "leads:calendar_ics",
        lambda w: reverse("leads:calendar_ics", args=["not-a-token"]),
        dict.fromkeys(PERSONAS, 404),
        public=True,
    ),
    Route(
        "leads:campaign_detail",
        lambda w: reverse("leads:campaign_detail", args=[_campaign(w).pk]),
        ALL_SIGNED_IN_200,
    ),
    Route(
        "leads:campaign_edit",
        lambda w: reverse("leads:campaign_edit", args=[_campaign(w).pk]),
        CAMPAIGN_EDITORS,
    ),
    Route(
        "leads:cost_add",
        lambda w: reverse("leads:cost_add", args=[_campaign(w).pk]),
        _redirect_if_allowed(CAMPAIGN_EDITORS),
        method="post",
        data=lambda w: {
            "date": "2026-02-01",
            "amount": "50",
            "category": "events",
            "description": "Stand",
        },  # fmt: skip
    ),
    Route(
        "leads:cost_delete",
        lambda w: reverse("leads:cost_delete", args=[_cost_line(w).pk]),
        _redirect_if_allowed(CAMPAIGN_EDITORS),
        method="post",
    ),
    Route(
        "leads:lead_deal",
        lambda w: reverse("leads:lead_deal", args=[_won_lead(w).pk]),
        READERS,
    ),
]
