"""A lead edit and a rescoring take turns (PostgreSQL's advisory scoring lock): a rescoring
writes fits and then, by trigger, the running clocks' copies of them (test_clock_copies.py);
an edit of the value writes the clock and then the fit. Each waits for the other's turn
instead of waiting for each other."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leads.intake import services as intake
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead
from tests.leads.helpers import scoring_lock_taken_elsewhere

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="advisory locks are PostgreSQL's"
)


def test_an_edit_takes_turns_with_the_rescorings(marketer, manager, sales_manager, salesperson):
    """A rescoring writes fits and then, by trigger, the clocks; an edit of the value writes
    the clock and then the fit. Taking the scoring lock first, an edit waits for a rescoring
    batch instead of deadlocking with it."""
    make_agreement(marketing=manager, sales=sales_manager)
    lead = handed_off(ready_lead(by=marketer, estimated_value=Decimal("2500")), by=marketer)
    values = {"estimated_value": Decimal("7000")}
    with CaptureQueriesContext(connection) as captured:
        intake.edit_lead(lead_id=lead.pk, values=values, by=sales_manager,
                         version=intake.version_of(lead))  # fmt: skip
    sql = [query["sql"] for query in captured.captured_queries]
    lock = next(i for i, text in enumerate(sql) if "pg_advisory_xact_lock" in text)
    assert lock < next(i for i, text in enumerate(sql) if "FOR UPDATE" in text)
    assert scoring_lock_taken_elsewhere()  # a rescoring worker waits meanwhile
