import pytest
import time_machine

from tests.dashboards.dashboard.helpers import NOW


@pytest.fixture(autouse=True)
def now():
    """The dashboard tests run on a fixed morning (see helpers.NOW)."""
    with time_machine.travel(NOW, tick=False):
        yield
