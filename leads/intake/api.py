"""The JSON API for other tools: POST /api/v1/leads, and its OpenAPI description.

Plain Django views and the field definitions of leads/fields.py rather than a framework:
one endpoint does not pay for a dependency, and the CSV import and the API then accept
exactly the same values. Error bodies are {"error": code, "detail": text, "fields": {...}};
the codes are stable for machines, the texts follow the request's Accept-Language.
"""

import hashlib
import json
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from leads.intake import queries, services
from leads.intake.fields import FIELDS, FIELDS_BY_NAME, clean_values
from leads.models import ApiToken, Lead

MAX_KEY_LENGTH = 100


def _error(status: int, code: str, detail: str, **extra) -> JsonResponse:
    return JsonResponse({"error": code, "detail": detail, **extra}, status=status)


def _authenticate(request: HttpRequest) -> ApiToken | JsonResponse:
    header = request.headers.get("Authorization", "")
    scheme, _space, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return _error(401, "unauthenticated", _("Send the token as “Authorization: Bearer …”."))
    token = queries.api_token_for(raw.strip())
    if token is None:
        return _error(401, "invalid_token", _("This token is not known."))
    if token.revoked_at is not None:
        return _error(401, "token_revoked", _("This token has been revoked."))
    if not token.is_active:
        return _error(401, "token_expired", _("This token has expired."))
    return token


def _minute() -> int:
    return int(time.time() // 60)


def _over_rate_limit(token: ApiToken) -> bool:
    """A fixed one-minute window per token in the shared cache (Redis in production)."""
    key = f"leads:api:rate:{token.token_hash[:20]}:{_minute()}"
    cache.add(key, 0, timeout=90)
    try:
        return cache.incr(key) > settings.LEADS_API_RATE_PER_MINUTE
    except ValueError:  # the key expired between add and incr
        return False


def _read_json(request: HttpRequest) -> dict | JsonResponse:
    limit = settings.LEADS_API_MAX_BODY_BYTES
    length = request.headers.get("Content-Length") or "0"
    if not length.isdecimal() or len(length) > 12 or int(length) > limit:
        return _error(
            413,
            "payload_too_large",
            _("The request body is larger than %(limit)d bytes.") % {"limit": limit},
        )
    if len(request.body) > limit:  # a body sent without Content-Length
        return _error(413, "payload_too_large", _("The request body is too large."))
    try:
        payload = json.loads(request.body or b"null")
    except RecursionError:
        return _error(400, "invalid_json", _("The body is nested too deeply."))
    except ValueError as error:  # invalid JSON, UTF-8 or an integer of over 4,300 digits
        return _error(
            400, "invalid_json", _("The body is not valid JSON: %(error)s") % {"error": error}
        )
    if not isinstance(payload, dict):
        return _error(400, "invalid_json", _("The body must be a JSON object."))
    return payload


@csrf_exempt
@login_not_required
@never_cache
@require_POST
def leads_endpoint(request: HttpRequest) -> JsonResponse:
    token = _authenticate(request)
    if isinstance(token, JsonResponse):
        return token
    if _over_rate_limit(token):
        response = _error(429, "rate_limited", _("Too many requests; try again in a minute."))
        response["Retry-After"] = "60"
        return response
    payload = _read_json(request)
    if isinstance(payload, JsonResponse):
        return payload
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > MAX_KEY_LENGTH:
        return _error(400, "invalid_idempotency_key", _("The Idempotency-Key is too long."))
    if not key.isprintable():
        detail = _("The Idempotency-Key holds characters that are not allowed.")
        return _error(400, "invalid_idempotency_key", detail)
    unknown = sorted(set(payload) - set(FIELDS_BY_NAME))
    known = {k: v for k, v in payload.items() if k in FIELDS_BY_NAME}
    values, errors = clean_values(known, queries.campaign_finder())
    errors |= {name: _("Unknown field.") for name in unknown}
    if errors:
        return _error(400, "invalid_fields", _("Some fields are not valid."), fields=errors)
    services.mark_token_used(token=token)
    body_hash = hashlib.sha256(request.body).hexdigest()
    try:
        once = services.create_lead_once(
            token=token, values=values, key=key, request_hash=body_hash
        )
    except ValidationError as error:  # a rule of the model that the field parsers missed
        problems = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        fields = {name: " ".join(texts) for name, texts in problems.items()}
        return _error(400, "invalid_fields", _("Some fields are not valid."), fields=fields)
    if once.key_reused:
        detail = _("This Idempotency-Key was used before with a different request body.")
        return _error(422, "idempotency_key_reused", detail)
    response = JsonResponse(_lead_body(once.lead), status=201)
    if once.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _lead_body(lead: Lead) -> dict:
    """The lead as the API shows it."""
    return {
        "id": lead.pk,
        "email": lead.email,
        "stage": lead.stage,
        "fit_score": lead.fit.score,
        "segment": lead.fit.segment.name if lead.fit.segment else None,
        "url": lead.get_absolute_url(),
    }


def openapi_document() -> dict:
    properties = {
        field.name: {"type": [field.json_type, "null"], "description": str(field.label)}
        for field in FIELDS
    }
    properties["email"] = {"type": "string", "format": "email", "description": "Email"}
    error = {"$ref": "#/components/schemas/Error"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Alignment leads API", "version": "1"},
        "paths": {
            "/api/v1/leads": {
                "post": {
                    "summary": "Create a lead",
                    "security": [{"bearer": []}],
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
                            "description": "A retry with the same key returns the first "
                            "answer and never creates a second lead.",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/LeadIn"}}
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Created (or replayed)",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/LeadOut"}
                                }
                            },
                        },
                        **{
                            code: {
                                "description": text,
                                "content": {"application/json": {"schema": error}},
                            }
                            for code, text in [
                                ("400", "Invalid JSON or fields"),
                                ("401", "Missing, unknown, expired or revoked token"),
                                ("413", f"Body over {settings.LEADS_API_MAX_BODY_BYTES} bytes"),
                                ("422", "Idempotency-Key reused with another body"),
                                ("429", f"Over {settings.LEADS_API_RATE_PER_MINUTE} a minute"),
                            ]
                        },
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "LeadIn": {
                    "type": "object",
                    "required": ["email"],
                    "additionalProperties": False,
                    "properties": properties,
                },
                "LeadOut": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "email": {"type": "string"},
                        "stage": {"type": "string"},
                        "fit_score": {"type": "integer", "minimum": 0, "maximum": 100},
                        "segment": {"type": ["string", "null"]},
                        "url": {"type": "string"},
                    },
                },
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {"type": "string"},
                        "detail": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
            },
        },
    }


@login_not_required
@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(), json_dumps_params={"indent": 2})
