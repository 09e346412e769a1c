"""Personas for every test, made through the app's own services."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection, transaction

from alignment import db, services
from alignment.celery import app as celery_app
from alignment.models import Person, Role, TeamCode


def pytest_configure(config: pytest.Config) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run tasks in-process even when a real broker is configured: nothing consumes
    # the queue in a test run, and a test must see the task's outcome.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    # Creating, filling and dropping test databases is background work: the long
    # statement timeout (tests/test_statement_timeout.py checks the web one).
    db.run_as_background()


@contextmanager
def shared_data(django_db_blocker) -> Iterator[None]:
    """A transaction for the data a module's or package's tests share, rolled back when
    they are done; each test runs in a savepoint of it. Marked as Django's TestCase marks
    its own, so the services' durable blocks may run inside. Its connection is closed
    after: left open, the session outlived the run's own close of the connection, and the
    test database could not be dropped ("is being accessed by other users")."""
    block = transaction.atomic()
    block._from_testcase = True
    with django_db_blocker.unblock():
        with block:
            yield
            transaction.set_rollback(True)
        connection.close()


PASSWORD = "test-password-123"

PERSONAS = {
    "marketer": {"role": Role.MARKETER, "team_code": TeamCode.MARKETING, "first_name": "Mia"},
    "salesperson": {"role": Role.SALESPERSON, "team_code": TeamCode.SALES, "first_name": "Sam"},
    "manager": {"role": Role.MANAGER, "team_code": TeamCode.MARKETING, "first_name": "Maud"},
    "sales_manager": {"role": Role.MANAGER, "team_code": TeamCode.SALES, "first_name": "Sjoerd"},
    "service": {"role": Role.SERVICE, "team_code": TeamCode.SERVICE, "first_name": "Sven"},
    "admin": {"role": Role.ADMIN, "team_code": None, "first_name": "Ada"},
}


def make_person(key: str, *, username: str | None = None, **overrides) -> Person:
    fields = {**PERSONAS[key], **overrides}
    username = username or key
    return services.create_person(
        username=username,
        last_name="Tester",
        email=f"{username}@example.com",
        password=PASSWORD,
        **fields,
    )


@pytest.fixture
def marketer(db) -> Person:
    return make_person("marketer")


@pytest.fixture
def salesperson(db) -> Person:
    return make_person("salesperson")


@pytest.fixture
def manager(db) -> Person:
    """The marketing manager."""
    return make_person("manager")


@pytest.fixture
def sales_manager(db) -> Person:
    return make_person("sales_manager")


@pytest.fixture
def service_agent(db) -> Person:
    return make_person("service")


@pytest.fixture
def admin_person(db) -> Person:
    return make_person("admin")


@pytest.fixture
def login(client):
    """login(person) signs the test client in as that person and returns the client."""

    def _login(person: Person):
        client.force_login(person.user)
        return client

    return _login


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """run_tasks(action): background tasks run in-process, after the request's transaction
    commits, as they do on the embedded default."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run
