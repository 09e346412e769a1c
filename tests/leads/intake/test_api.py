"""POST /api/v1/leads: tokens, validation, limits, idempotency, rate limit, OpenAPI."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alignment.tokens import hash_token
from leads.intake import services
from leads.models import ApiToken, IdempotencyRecord, Lead
from tests.leads.helpers import make_segment, make_token, snapshot

LEAD = {"email": "Anna@Metaal.nl", "last_name": "Bos", "company": "Metaal", "employees": 120}


@pytest.fixture
def token(manager):
    return make_token(by=manager)[1]


def _post(client, token: str | None, body, **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(
        reverse("leads:api_leads"), data, content_type="application/json", headers=headers
    )


def test_a_valid_lead_is_created_scored_and_returned(client, manager, token):
    segment = make_segment(by=manager)
    response = _post(client, token, LEAD | {"industry": "Manufacturing", "country": "NL"})
    assert response.status_code == 201
    lead = Lead.objects.get()
    assert response.json() == {
        "id": lead.pk, "email": "anna@metaal.nl", "stage": "new", "fit_score": lead.fit.score,
        "segment": segment.name, "url": lead.get_absolute_url(),
    }  # fmt: skip
    assert lead.source == "api" and lead.fit.score > 0
    assert ApiToken.objects.get().last_used_at is not None


def test_field_errors_are_reported_per_field_and_nothing_is_created(client, token):
    before = snapshot()
    body = {"email": "nope", "employees": "many", "country": "Atlantis", "first_name": ["x"]}
    response = _post(client, token, body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["error"] == "invalid_fields"
    assert set(payload["fields"]) == {"email", "employees", "country", "first_name"}
    assert snapshot() == before


def test_missing_email_is_a_field_error(client, token):
    response = _post(client, token, {"last_name": "Bos"})
    assert response.status_code == 400
    assert "email" in response.json()["fields"]


def test_unknown_fields_are_refused(client, token):
    before = snapshot()
    response = _post(client, token, LEAD | {"stage": "won", "fit_score": 100})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"stage", "fit_score"}
    assert snapshot() == before


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"', b"\xff\xfe", ""])
def test_invalid_json_is_refused(client, token, body):
    before = snapshot()
    response = _post(client, token, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"
    assert snapshot() == before


def test_oversized_payload_is_refused_with_413(client, token):
    before = snapshot()
    too_long = "x" * (settings.LEADS_API_MAX_BODY_BYTES + 1)
    response = _post(client, token, LEAD | {"company": too_long})
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    assert snapshot() == before


@pytest.mark.parametrize("header", [None, "Bearer", "Basic abc", "Bearer aln_unknown"])
def test_missing_or_unknown_token_is_401(db, client, header):
    headers = {"Authorization": header} if header else {}
    response = client.post(
        reverse("leads:api_leads"),
        json.dumps(LEAD),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401
    assert Lead.objects.count() == 0


def test_revoked_and_expired_tokens_are_refused(client, manager):
    revoked, raw_revoked = make_token(by=manager)
    services.revoke_api_token(token=revoked, by=manager)
    _expired, raw_expired = make_token(by=manager, expires_at=timezone.now() - timedelta(days=1))
    before = snapshot()
    assert _post(client, raw_revoked, LEAD).json()["error"] == "token_revoked"
    assert _post(client, raw_expired, LEAD).json()["error"] == "token_expired"
    assert _post(client, raw_expired, LEAD).status_code == 401
    assert snapshot() == before


def test_a_retry_with_the_same_idempotency_key_returns_the_first_lead(client, token):
    first = _post(client, token, LEAD, **{"Idempotency-Key": "form-123"})
    again = _post(client, token, LEAD, **{"Idempotency-Key": "form-123"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Lead.objects.count() == 1
    other = _post(client, token, LEAD, **{"Idempotency-Key": "form-124"})
    assert other.json()["id"] != first.json()["id"]


def test_the_same_key_with_another_body_is_refused(client, token):
    _post(client, token, LEAD, **{"Idempotency-Key": "k"})
    response = _post(client, token, LEAD | {"last_name": "Other"}, **{"Idempotency-Key": "k"})
    assert response.status_code == 422
    assert Lead.objects.count() == 1


def test_keys_are_per_token(client, manager):
    _t1, raw1 = make_token(by=manager, name="one")
    _t2, raw2 = make_token(by=manager, name="two")
    _post(client, raw1, LEAD, **{"Idempotency-Key": "k"})
    _post(client, raw2, LEAD, **{"Idempotency-Key": "k"})
    assert Lead.objects.count() == 2


def test_a_concurrent_retry_that_loses_the_race_replays_the_winner(client, manager, token):
    """Simulates the race: the record of the first request appears between our lookup and
    our insert; the unique constraint refuses the insert and the winner is replayed."""
    token_obj = ApiToken.objects.get()
    body = json.dumps(LEAD).encode()
    import hashlib

    winner = services.create_lead(values={"email": "anna@metaal.nl"}, source="api")
    IdempotencyRecord.objects.create(
        token=token_obj, key="race", request_hash=hashlib.sha256(body).hexdigest(),
        lead=winner,
    )  # fmt: skip
    original_filter = IdempotencyRecord.objects.filter

    class Blind:
        def first(self):
            return None  # the lookup ran before the winner committed

    def filter_once(*args, **kwargs):
        IdempotencyRecord.objects.filter = original_filter
        return Blind()

    IdempotencyRecord.objects.filter = filter_once
    try:
        response = client.post(
            reverse("leads:api_leads"), body, content_type="application/json",
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "race"},
        )  # fmt: skip
    finally:
        IdempotencyRecord.objects.filter = original_filter
    assert response.status_code == 201
    assert response.json()["id"] == winner.pk
    assert Lead.objects.count() == 1


def test_rate_limit_per_token(client, manager, token, monkeypatch, settings):
    settings.LEADS_API_RATE_PER_MINUTE = 3
    monkeypatch.setattr("leads.intake.api._minute", lambda: 30_000_000)  # all within one minute
    statuses = [_post(client, token, LEAD | {"email": f"p{n}@x.nl"}).status_code for n in range(4)]
    assert statuses == [201, 201, 201, 429]
    _other, raw_other = make_token(by=manager, name="other")
    assert _post(client, raw_other, LEAD).status_code == 201


def test_the_api_needs_no_session_and_no_csrf(manager, token):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, token, LEAD).status_code == 201


def test_openapi_description(client):
    response = client.get(reverse("leads:api_openapi"))
    document = response.json()
    assert document["openapi"].startswith("3.")
    schema = document["components"]["schemas"]["LeadIn"]
    assert schema["required"] == ["email"] and schema["additionalProperties"] is False
    assert "/api/v1/leads" in document["paths"]


def test_manager_creates_a_token_shown_once_and_revokes_it(login, manager):
    client = login(manager)
    response = client.post(reverse("leads:api_tokens"), {"name": "Website form"})
    token = ApiToken.objects.get()
    raw = response.text.split('<code class="token">')[1].split("</code>")[0]
    assert hash_token(raw) == token.token_hash
    assert raw not in client.get(reverse("leads:api_tokens")).text
    confirm = client.get(reverse("leads:api_token_revoke", args=[token.pk]))
    assert confirm.status_code == 200 and "<form" in confirm.text
    client.post(reverse("leads:api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _post(client, raw, LEAD).status_code == 401


def _post_lead(client, token: str, body: dict):
    return client.post(
        reverse("leads:api_leads"),
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.parametrize("value", ["1.23456", 50_000_000_000])
def test_api_refuses_an_estimated_value_that_does_not_fit_with_a_field_error(
    client, manager, value
):
    token = make_token(by=manager)[1]
    before = snapshot()
    response = _post_lead(client, token, {"email": "a@b.nl", "estimated_value": value})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_fields"
    assert set(response.json()["fields"]) == {"estimated_value"}
    assert snapshot() == before


def test_api_turns_a_model_validation_error_into_a_field_error(client, manager, monkeypatch):
    token = make_token(by=manager)[1]

    def refuse(**kwargs):
        raise ValidationError({"phone": ["Not a phone number.", "Too long."]})

    monkeypatch.setattr(services, "create_lead", refuse)
    response = _post_lead(client, token, {"email": "a@b.nl", "phone": "x"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_fields"
    assert response.json()["fields"] == {"phone": "Not a phone number. Too long."}


# Odd input is a 400 with a message, never a 500, and stores nothing ---------------------


@pytest.mark.parametrize(
    "body",
    [
        '{"email": "a@b.nl", "employees": ' + "9" * 4301 + "}",  # int() refuses > 4300 digits
        '{"email": "a@b.nl", "company": ' + "[" * 100_000 + "]" * 100_000 + "}",  # too deep
    ],
    ids=["integer-of-4301-digits", "nested-100000-deep"],
)
def test_json_python_cannot_read_is_a_400(client, token, body, settings):
    settings.LEADS_API_MAX_BODY_BYTES = 300_000  # a deployment may allow larger bodies
    before = snapshot()
    response = _post(client, token, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("company", "Metaal\x00BV"),  # PostgreSQL refuses NUL in text
        ("last_name", "Bos\nBcc: everyone@example.com"),
        ("first_name", "An\rna"),
        ("job_title", "Inkoop\tdirecteur"),
        ("phone", "06\x1b[31m"),
        ("company", "Metaal\u2028BV"),  # a line separator is a line break too
    ],
)
def test_control_characters_in_text_fields_are_refused(client, token, field, value):
    before = snapshot()
    response = _post(client, token, LEAD | {field: value})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {field}
    assert snapshot() == before


def test_a_lone_surrogate_is_refused(client, token):
    before = snapshot()
    response = _post(client, token, '{"email": "a@b.nl", "company": "Metaal \\ud800"}')
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"company"}
    assert snapshot() == before


def test_an_idempotency_key_with_control_characters_is_refused(client, token):
    response = _post(client, token, LEAD, **{"Idempotency-Key": "key\x00one"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_idempotency_key"
    assert not Lead.objects.exists()


def test_a_number_of_5000_digits_as_text_is_a_field_error(client, token):
    body = LEAD | {"employees": "9" * 5000, "annual_revenue": "9" * 5000}
    response = _post(client, token, body)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"employees", "annual_revenue"}
    assert not Lead.objects.exists()
