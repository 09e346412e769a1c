"""Reading an uploaded CSV: encoding, delimiter, header mapping and per-row checks.

Pure: no database. Every refusal raises ImportRefused with a message for the user, before
anything is stored.
"""

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from leads.intake.fields import FIELDS, FIELDS_BY_NAME, clean_values

MAX_COLUMNS = 100
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Normalised header (lower-case letters and digits only) → field. Covers the exports of
# common CRMs (HubSpot, Salesforce, Dynamics, Pipedrive) and Dutch spreadsheets.
HEADER_ALIASES = {
    "first_name": ["firstname", "givenname", "voornaam", "first", "roepnaam"],
    "last_name": ["lastname", "surname", "familyname", "achternaam", "last"],
    "email": [
        "email", "emailaddress", "workemail", "primaryemail", "emailadres", "mail",
        "businessemail", "email1",
    ],
    "phone": [
        "phone", "phonenumber", "telephone", "businessphone", "mobilephone", "mobile",
        "telefoon", "telefoonnummer", "mobiel", "tel",
    ],
    "company": [
        "company", "companyname", "accountname", "organization", "organisation",
        "organizationname", "bedrijf", "bedrijfsnaam", "organisatie", "account",
    ],
    "job_title": ["jobtitle", "title", "functie", "functietitel", "position", "rol"],
    "industry": ["industry", "branche", "sector", "industrie"],
    "employees": [
        "numberofemployees", "employees", "noofemployees", "employeecount", "companysize",
        "aantalmedewerkers", "medewerkers", "aantalwerknemers", "werknemers",
    ],
    "annual_revenue": ["annualrevenue", "revenue", "jaaromzet", "omzet"],
    "country": [
        "country", "countryregion", "land", "mailingcountry", "billingcountry",
        "countrycode", "landregio",
    ],
    "estimated_value": ["estimatedvalue", "dealvalue", "geschattewaarde", "waarde"],
    "campaign": [
        "campaign", "utmcampaign", "campaigncode", "campaignname", "campagne",
        "campagnecode", "campagnenaam",
    ],
}  # fmt: skip
ALIAS_TO_FIELD = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


class ImportRefused(Exception):
    pass


@dataclass
class CsvFile:
    text: str
    encoding: str
    delimiter: str
    headers: list[str]


@dataclass
class RowResult:
    number: int
    cells: list[str]
    values: dict
    problems: list[tuple[str, str]] = field(default_factory=list)


def normalise_header(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


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
        # Read every row once now, so a broken file is refused at upload, not half-way.
        has_rows = sum(1 for row in reader if any(cell.strip() for cell in row)) > 0
    except (csv.Error, StopIteration) as error:
        raise ImportRefused(
            _("The file is not valid CSV (line %(line)d): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not has_rows:
        raise ImportRefused(_("The file has column names but no rows of data."))
    csv_file = CsvFile(text=text, encoding=encoding, delimiter=delimiter, headers=headers)
    if "email" not in auto_mapping(headers).values():
        raise ImportRefused(
            _(
                "The required column for the email address is missing. Name it "
                "“Email” (or “E-mail”, “E-mailadres”). Columns found: %(columns)s."
            )
            % {"columns": ", ".join(headers[:20])}
        )
    return csv_file


def auto_mapping(headers: list[str]) -> dict[str, str]:
    """Column index (as text, for JSON) → field name; each field at most once."""
    mapping: dict[str, str] = {}
    for index, header in enumerate(headers):
        name = ALIAS_TO_FIELD.get(normalise_header(header))
        if name and name not in mapping.values():
            mapping[str(index)] = name
    return mapping


def mapping_problems(mapping: dict[str, str]) -> list[str]:
    problems = []
    chosen = [name for name in mapping.values() if name]
    for name in {n for n in chosen if chosen.count(n) > 1}:
        label = FIELDS_BY_NAME[name].label
        problems.append(_("“%(field)s” is chosen for more than one column.") % {"field": label})
    for item in FIELDS:
        if item.required and item.name not in chosen:
            problems.append(_("Choose the column for “%(field)s”.") % {"field": item.label})
    return problems


def rows(
    csv_file: CsvFile,
    mapping: dict[str, str],
    find_campaign: Callable[[str], int | None] = lambda text: None,
) -> Iterator[RowResult]:
    """Every data row checked: values parsed, problems as (column header, message)."""
    reader = csv.reader(io.StringIO(csv_file.text), delimiter=csv_file.delimiter)
    next(reader)
    columns = {int(index): name for index, name in mapping.items() if name}
    header_of = {name: csv_file.headers[index] for index, name in columns.items()}
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        raw = {name: cells[index] if index < len(cells) else "" for index, name in columns.items()}
        values, errors = clean_values(raw, find_campaign)
        result = RowResult(number, cells, values, [(header_of[n], m) for n, m in errors.items()])
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
