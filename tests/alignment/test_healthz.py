import json

from django.urls import reverse


def test_healthz_is_public_and_reports_database_and_broker(client, db, settings):
    response = client.get(reverse("healthz"))
    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["database"] == "ok"
    # With REDIS_URL set (as in CI) the real broker answers; without it tasks run in-process.
    assert body["broker"] == ("ok" if settings.REDIS_URL else "in-process")


def test_healthz_is_503_and_names_the_broker_when_it_is_unreachable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body["broker"] == "down"
    assert body["database"] == "ok"
    assert body["status"] == "down"


def test_healthz_is_503_when_the_database_is_down(client, db, monkeypatch):
    from alignment import views

    monkeypatch.setattr(views, "_database_status", lambda: "down")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "down"
