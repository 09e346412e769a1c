"""CSV for spreadsheets, safe against formula injection: a cell that a spreadsheet would
read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe, which spreadsheets show as text."""

import csv
from collections.abc import Iterable, Iterator

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream(header: list[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """Lines of CSV, one at a time, so a large export never sits in memory whole."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)  # the BOM makes Excel read UTF-8
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])
