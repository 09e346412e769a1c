"""CSV for spreadsheets in the reader's language, safe against formula injection.

A cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) gets a leading apostrophe, which spreadsheets show as text. A phone
number such as "+31 6 1234 5678" is left as it is: it holds no function, cell reference
or command, so nothing can run, and an apostrophe would end up in every number copied out.

Excel reads a CSV with the separators of the computer's language: where the decimal mark
is a comma (Dutch), the list separator is a semicolon and numbers and dates are written
as that language writes them.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import get_format

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
PHONE_NUMBER = re.compile(r"\+\d[\d ()./-]*")
MIN_PHONE_DIGITS = 6


def is_phone_number(value: str) -> bool:
    return (
        bool(PHONE_NUMBER.fullmatch(value)) and sum(c.isdigit() for c in value) >= MIN_PHONE_DIGITS
    )


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(DANGEROUS_START) and not is_phone_number(value):
        return "'" + value
    return value


@dataclass(frozen=True)
class SpreadsheetFormat:
    """How a spreadsheet in one language reads a CSV. Taken from the active language when
    an export starts: the rows are written after the view has returned."""

    delimiter: str = ","
    decimal_mark: str = "."
    date_format: str = "%Y-%m-%d"
    datetime_format: str = "%Y-%m-%d %H:%M:%S"

    @classmethod
    def of_active_language(cls) -> "SpreadsheetFormat":
        decimal_mark = get_format("DECIMAL_SEPARATOR")
        # The first input format of a language is the one its own users type, and Excel
        # in that language reads it as a date.
        return cls(
            delimiter=";" if decimal_mark == "," else ",",
            decimal_mark=decimal_mark,
            date_format=get_format("DATE_INPUT_FORMATS")[0],
            datetime_format=get_format("DATETIME_INPUT_FORMATS")[0],
        )

    def number(self, value: Decimal | int | None) -> str:
        """Without thousands separators (a spreadsheet would read "1.500" as 1.5)."""
        return "" if value is None else str(value).replace(".", self.decimal_mark)

    def date(self, value: date | None) -> str:
        return "" if value is None else value.strftime(self.date_format)

    def datetime(self, value: datetime | None) -> str:
        """In the office's time zone, to the second."""
        return "" if value is None else timezone.localtime(value).strftime(self.datetime_format)


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream(
    header: list[str], rows: Iterable[Iterable[object]], *, delimiter: str = ","
) -> Iterator[str]:
    """Lines of CSV, one at a time, so a large export never sits in memory whole."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow(header)  # the BOM makes Excel read UTF-8
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])
