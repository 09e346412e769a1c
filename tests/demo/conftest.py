"""The demo data, seeded once for every test in this package (on one xdist worker), inside
a transaction that is rolled back when the package is done: each test runs in a savepoint
of it, so a test may change the data without its neighbours seeing the change."""

import pytest
from django.core.management import call_command

from tests.conftest import shared_data

SEED = "7"
LEADS = "600"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/demo/" in str(item.path):
            item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.fixture(scope="package", autouse=True)
def demo_data(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        call_command("seed_demo", "--seed", SEED, "--leads", LEADS, verbosity=0)
        yield


def seed_again() -> None:
    call_command("seed_demo", "--seed", SEED, "--leads", LEADS, verbosity=0)
