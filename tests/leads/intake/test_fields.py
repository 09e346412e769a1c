"""Values from outside must fit the lead's columns."""

from decimal import Decimal

import pytest

from leads.intake.fields import FieldError, parse_amount, parse_revenue, parse_whole_number


@pytest.mark.parametrize("value", ["1.23456", "0.0015", 50_000_000_000, "10.000.000.000", 1e10])
def test_an_estimated_value_that_does_not_fit_the_column_is_refused(value):
    with pytest.raises(FieldError):
        parse_amount(value)


@pytest.mark.parametrize(
    ("value", "amount"),
    [("9.999.999.999,99", Decimal("9999999999.99")), ("1.50000", Decimal("1.50")), (12, 12)],
)
def test_estimated_values_that_fit_are_kept_to_the_cent(value, amount):
    parsed = parse_amount(value)
    assert parsed == amount and parsed.as_tuple().exponent == -2


def test_revenue_and_employees_fit_their_columns():
    assert parse_revenue("50.000.000.000") == 50_000_000_000  # a bigint column
    assert parse_revenue("999999999999.9") == 999_999_999_999
    with pytest.raises(FieldError):
        parse_revenue(10**12)
    with pytest.raises(FieldError):
        parse_whole_number(3_000_000_000)  # an integer column


def test_a_whole_number_too_long_for_int_is_a_field_error():
    with pytest.raises(FieldError):
        parse_whole_number("9" * 5000)
    with pytest.raises(FieldError):
        parse_whole_number("1" + ".000" * 2000)
