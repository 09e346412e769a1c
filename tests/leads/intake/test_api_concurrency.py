"""Two simultaneous requests with the same Idempotency-Key, on two real database
connections: exactly one lead, and both get the same answer. On PostgreSQL the second
waits on the unique index, on SQLite for the write lock the first took when it began."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from leads.intake import services
from leads.models import Lead
from tests.conftest import make_person


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_create_one_lead(monkeypatch):
    _token, raw = services.create_api_token(name="Web", by=make_person("manager"))
    first_inside = threading.Event()
    release = threading.Event()
    real_create = services.create_lead

    def slow_create(**kwargs):
        # The first request holds its transaction open (its idempotency row inserted but
        # not committed) until the second one has had time to reach the same insert.
        if not first_inside.is_set():
            first_inside.set()
            release.wait(timeout=10)
        return real_create(**kwargs)

    monkeypatch.setattr(services, "create_lead", slow_create)
    answers = {}

    def post(name):
        response = Client().post(
            reverse("leads:api_leads"),
            json.dumps({"email": "anna@metaal.nl"}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}", "Idempotency-Key": "same"},
        )
        answers[name] = (response.status_code, response.json())
        connection.close()

    first = threading.Thread(target=post, args=["first"])
    first.start()
    assert first_inside.wait(timeout=10)
    second = threading.Thread(target=post, args=["second"])
    second.start()
    second.join(timeout=1)  # waiting for the first one's transaction
    assert second.is_alive()
    release.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert answers["first"] == answers["second"]
    assert answers["first"][0] == 201
    assert Lead.objects.count() == 1
