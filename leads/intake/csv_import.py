"""Reading an uploaded CSV: encoding, delimiter, header mapping and per-row checks.

Pure: no database. Every refusal raises ImportRefused with a message for the user, before
anything is stored.
"""

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import zip_longest

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alignment.email_address import normalise_email
from leads.intake.crm_history import OwnerIndex, check_created, day_comes_first
from leads.intake.fields import FIELDS, FIELDS_BY_NAME, FieldError, clean_values, label_of
from leads.intake.headers import auto_mapping

MAX_COLUMNS = 100
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Columns an import takes besides the lead fields of every intake path (fields.py): what a
# migration from another CRM must not lose.
HISTORY_FIELDS = ("owner", "created_at")
IMPORT_ONLY = ("name_prefix", *HISTORY_FIELDS)


def field_label(name: str) -> str:
    if name == "name_prefix":
        return _("Name prefix (van, de)")
    return FIELDS_BY_NAME[name].label if name in FIELDS_BY_NAME else label_of(name)


def field_choices() -> list[tuple[str, str]]:
    """What a column may be imported as, in the order of the lead page."""
    names = [f.name for f in FIELDS]
    names.insert(names.index("last_name"), "name_prefix")
    return [(name, field_label(name)) for name in [*names, *HISTORY_FIELDS]]


class ImportRefused(Exception):
    pass


@dataclass
class CsvFile:
    text: str
    encoding: str
    delimiter: str
    headers: list[str]
    row_count: int = 0  # rows with data
    filled: list[int] = field(default_factory=list)  # per column: rows with a value in it


@dataclass
class RowResult:
    number: int
    cells: list[str]
    values: dict
    problems: list[tuple[str, str]] = field(default_factory=list)  # the row is refused
    notes: list[tuple[str, str]] = field(default_factory=list)  # imported, but note this


def decode(data: bytes) -> tuple[str, str]:
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ImportRefused(_("The file is empty."))
    if b"\x00" in data:
        raise ImportRefused(
            _(
                "This is not a CSV text file, or it uses an encoding we cannot read "
                "(such as UTF-16). Save it as CSV in UTF-8 or Windows-1252."
            )
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(CONTROL.findall(text[:100_000])) > 10:
            break
        return text, "utf-8" if encoding == "utf-8-sig" else "windows-1252"
    raise ImportRefused(
        _(
            "The file could not be read as text: it is not UTF-8 or Windows-1252. "
            "Save it from your spreadsheet as “CSV (UTF-8)”."
        )
    )


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";")}
    if max(counts.values()) == 0:
        for other, name in (("\t", _("tabs")), ("|", "“|”")):
            if other in first_line:
                raise ImportRefused(
                    _(
                        "The columns seem to be separated by %(separator)s. "
                        "Use a comma or a semicolon as separator."
                    )
                    % {"separator": name}
                )
        return ","
    return max(counts, key=lambda d: counts[d])


def read_csv(data: bytes) -> CsvFile:
    text, encoding = decode(data)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if first_line.count(",") + first_line.count(";") >= MAX_COLUMNS:
        raise ImportRefused(
            _("The file has too many columns: at most %(max)d.") % {"max": MAX_COLUMNS}
        )
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        headers = [header.strip() for header in next(reader)]
        # Read every row once now, so a broken file is refused at upload, not half-way;
        # count on the way how many rows have a value in each column.
        filled = [0] * len(headers)
        row_count = 0
        for row in reader:
            cells = [bool(cell.strip()) for cell in row[: len(headers)]]
            if any(cells):
                row_count += 1
                filled = [count + has for count, has in zip_longest(filled, cells, fillvalue=0)]
    except (csv.Error, StopIteration) as error:
        raise ImportRefused(
            _("The file is not valid CSV (line %(line)d): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not row_count:
        raise ImportRefused(_("The file has column names but no rows of data."))
    csv_file = CsvFile(text, encoding, delimiter, headers, row_count, filled)
    if "email" not in auto_mapping(headers).values():
        raise ImportRefused(
            _(
                "The required column for the email address is missing. Name it "
                "“Email” (or “E-mail”, “E-mailadres”). Columns found: %(columns)s."
            )
            % {"columns": ", ".join(headers[:20])}
        )
    return csv_file


def handoff_warnings(
    mapping: dict[str, str], required: dict[str, list[str]], csv_file: CsvFile
) -> list[str]:
    """What the handoff agreements in force require (`required`: field → agreements) and
    the file will not bring: an unmapped column, or a mapped one with empty cells."""
    column_of = {name: int(index) for index, name in mapping.items() if name}
    warnings = []
    for name, agreements in required.items():
        params = {"field": field_label(name), "agreements": ", ".join(agreements)}
        if name not in column_of:
            params["count"] = number_format(csv_file.row_count, force_grouping=True)
            warnings.append(
                ngettext(
                    "The handoff agreement (%(agreements)s) requires “%(field)s”, but no "
                    "column is imported as it: the %(count)s row will lack it.",
                    "The handoff agreement (%(agreements)s) requires “%(field)s”, but no "
                    "column is imported as it: all %(count)s rows will lack it.",
                    csv_file.row_count,
                )
                % params
            )
            continue
        index = column_of[name]
        filled = csv_file.filled[index] if index < len(csv_file.filled) else 0
        if lacking := csv_file.row_count - filled:
            params |= {"count": number_format(lacking, force_grouping=True)}
            params["column"] = csv_file.headers[index]
            warnings.append(
                ngettext(
                    "The handoff agreement (%(agreements)s) requires “%(field)s”, but "
                    "%(count)s row has no value in “%(column)s”.",
                    "The handoff agreement (%(agreements)s) requires “%(field)s”, but "
                    "%(count)s rows have no value in “%(column)s”.",
                    lacking,
                )
                % params
            )
    return warnings


def mapping_problems(mapping: dict[str, str]) -> list[str]:
    problems = []
    chosen = [name for name in mapping.values() if name]
    for name in {n for n in chosen if chosen.count(n) > 1}:
        label = field_label(name)
        problems.append(_("“%(field)s” is chosen for more than one column.") % {"field": label})
    for item in FIELDS:
        if item.required and item.name not in chosen:
            problems.append(_("Choose the column for “%(field)s”.") % {"field": item.label})
    return problems


@dataclass
class History:
    """What the history columns are read against: the people who may own leads, the
    office's time zone (for dates without one) and the present (nothing is created later)."""

    owners: OwnerIndex = field(default_factory=OwnerIndex)
    zone: tzinfo = field(default_factory=timezone.get_default_timezone)
    now: datetime = field(default_factory=timezone.now)


def rows(
    csv_file: CsvFile,
    mapping: dict[str, str],
    find_campaign: Callable[[str], int | None] = lambda text: None,
    history: History | None = None,
) -> Iterator[RowResult]:
    """Every data row checked: values parsed, problems as (column header, message), and
    notes on what was kept of the row's history."""
    history = history or History()
    columns = {int(index): name for index, name in mapping.items() if name}
    header_of = {name: csv_file.headers[index] for index, name in columns.items()}
    day_first = _day_first(csv_file, columns)
    seen: dict[str, int] = {}
    for number, cells in _data_rows(csv_file):
        raw = {name: cells[index] if index < len(cells) else "" for index, name in columns.items()}
        extra = {name: raw.pop(name) for name in IMPORT_ONLY if name in raw}
        values, errors = clean_values(raw, find_campaign)
        result = RowResult(number, cells, values, [(header_of[n], m) for n, m in errors.items()])
        _add_name_prefix(result, extra.get("name_prefix", ""), header_of)
        _add_history(result, extra, header_of, history, day_first)
        if len(cells) > len(csv_file.headers) and any(
            c.strip() for c in cells[len(csv_file.headers) :]
        ):
            result.problems.append(("", _("This row has more cells than there are columns.")))
        email = values.get("email")
        if email and "email" not in errors:
            if email in seen:
                message = _("The same email address as row %(row)d.") % {"row": seen[email]}
                result.problems.append((header_of["email"], message))
            else:
                seen[email] = number
        yield result


def addresses(csv_file: CsvFile, mapping: dict[str, str]) -> list[str]:
    """Every row's email address as the checks store it, read ahead of them: an import
    looks up the addresses it knows before it writes (an invalid one matches nothing)."""
    index = next((int(i) for i, name in mapping.items() if name == "email"), None)
    if index is None:
        return []
    cells = (cells[index] for _number, cells in _data_rows(csv_file) if index < len(cells))
    return list({normalise_email(cell) for cell in cells})


def _data_rows(csv_file: CsvFile) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every row with data; the header is row 1."""
    reader = csv.reader(io.StringIO(csv_file.text), delimiter=csv_file.delimiter)
    next(reader)
    for number, cells in enumerate(reader, start=2):
        if "".join(cells).strip():  # a cell that is not blank; faster than any() per cell
            yield number, cells


def _day_first(csv_file: CsvFile, columns: dict[int, str]) -> bool:
    """How the create-date column writes dates, decided over the whole column."""
    index = next((i for i, name in columns.items() if name == "created_at"), None)
    if index is None:
        return True
    return day_comes_first(
        [cells[index] for _n, cells in _data_rows(csv_file) if index < len(cells)]
    )


def _add_name_prefix(result: RowResult, prefix: str, header_of: dict[str, str]) -> None:
    """A Dutch name prefix ("van", "de") in a column of its own belongs before the last name."""
    if not prefix.strip():
        return
    last_name = FIELDS_BY_NAME["last_name"]
    try:
        full = last_name.parse(f"{prefix.strip()} {result.values.get('last_name', '')}")
    except FieldError as error:
        result.problems.append((header_of["name_prefix"], str(error)))
    else:
        result.values["last_name"] = full


def _add_history(
    result: RowResult, extra: dict, header_of: dict[str, str], history: History, day_first: bool
) -> None:
    """The owner and the create date of the CRM, when they can be kept; a note when not
    (the row is imported all the same)."""
    if owner := extra.get("owner", "").strip():
        result.values["owner_id"], note = history.owners.find(owner)
        if note:
            result.notes.append((header_of["owner"], note))
    if created := extra.get("created_at", "").strip():
        moment, note = check_created(
            created, day_first=day_first, zone=history.zone, now=history.now
        )
        if moment:
            result.values["created_at"] = moment
        else:
            result.notes.append((header_of["created_at"], note))
