"""The budget plan of any span of days: each quarter's amount spread evenly over its days
(the dashboard's "budget spent vs plan" and the budget page's burn-up read the same)."""

from datetime import date
from decimal import Decimal

from dashboards.kpis.periods import plan_between

PLAN = {(2025, 4): Decimal(9200), (2026, 1): Decimal(9000), (2026, 2): Decimal(9100)}


def test_a_whole_quarter_is_its_amount_and_a_day_its_share():
    assert plan_between(date(2026, 1, 1), date(2026, 3, 31), PLAN) == Decimal("9000.00")
    assert plan_between(date(2026, 1, 1), date(2026, 1, 1), PLAN) == Decimal("100.00")  # 1/90


def test_a_span_across_quarters_and_years_adds_each_quarters_share():
    # 31 of Q4 2025's 92 days, 90 of Q1, 30 of Q2's 91.
    expected = Decimal(9200) * 31 / 92 + Decimal(9000) + Decimal(9100) * 30 / 91
    got = plan_between(date(2025, 12, 1), date(2026, 4, 30), PLAN)
    assert got == expected.quantize(Decimal("0.01"))


def test_quarters_without_a_plan_and_an_empty_span_count_nothing():
    assert plan_between(date(2026, 7, 1), date(2026, 9, 30), PLAN) == Decimal("0.00")
    assert plan_between(date(2026, 2, 1), date(2026, 1, 31), PLAN) == Decimal("0.00")
