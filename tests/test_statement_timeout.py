"""Statement timeouts: a web request's query is stopped after a few seconds and the user
gets a page that says so; background work gets the longer limit."""

import logging

import pytest
from django.db import connection, connections, transaction
from django.test import RequestFactory

from alignment import db
from alignment.middleware import TooSlowMiddleware

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting"),
]


def _timeout_of(conn) -> str:
    with conn.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def _fresh_connection():
    conn = connections.create_connection("default")
    conn.ensure_connection()
    return conn


def test_web_connections_get_the_short_limit_and_background_ones_the_long(settings, monkeypatch):
    settings.STATEMENT_TIMEOUT_MS = 4000
    settings.BACKGROUND_STATEMENT_TIMEOUT_MS = 120_000
    monkeypatch.setattr(db, "_background", False)  # as in a web process
    web = _fresh_connection()
    assert _timeout_of(web) == "4s"
    web.close()
    db.run_as_background()
    background = _fresh_connection()
    assert _timeout_of(background) == "2min"
    background.close()


def _jit_of(conn) -> str:
    with conn.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


def test_web_connections_plan_without_the_jit_compiler(monkeypatch):
    monkeypatch.setattr(db, "_background", False)
    web = _fresh_connection()
    assert _jit_of(web) == "off"
    web.close()
    db.run_as_background()
    background = _fresh_connection()
    with background.cursor() as cursor:  # the server's own setting, kept for long queries
        cursor.execute("SELECT reset_val FROM pg_settings WHERE name = 'jit'")
        assert _jit_of(background) == cursor.fetchone()[0]
    background.close()


def _slow_view(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(2)")


def test_a_query_stopped_by_the_timeout_gives_a_clear_page_and_names_the_query(caplog, marketer):
    request = RequestFactory().get("/leads/")
    request.user = marketer.user
    request.htmx = False
    middleware = TooSlowMiddleware(lambda r: _view_through(middleware, r))
    with caplog.at_level(logging.ERROR, logger="alignment.middleware"):
        response = middleware(request)
    assert response.status_code == 503
    assert "too long" in response.content.decode() or "te lang" in response.content.decode()
    assert any("pg_sleep" in record.getMessage() for record in caplog.records)


def _view_through(middleware, request):
    """Django calls process_exception when the view raises; do the same here."""
    try:
        return _slow_view(request)
    except Exception as error:
        answer = middleware.process_exception(request, error)
        if answer is None:
            raise
        return answer
