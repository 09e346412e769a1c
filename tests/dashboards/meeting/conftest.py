import pytest
import time_machine

from dashboards.meeting import services
from tests.dashboards.meeting.helpers import NOW, THIS_WEEK, build_week


@pytest.fixture(autouse=True)
def now():
    """The meeting tests run on a fixed Wednesday morning (see helpers.NOW)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def week(manager, sales_manager, marketer, salesperson):
    return build_week(manager=manager, sales_manager=sales_manager, marketer=marketer,
                      salesperson=salesperson)  # fmt: skip


@pytest.fixture
def meeting(week, manager):
    """This week's meeting, planned (as the week before's) by the marketing manager."""
    return services.plan_meeting(week=THIS_WEEK, by=manager, invite=False)
