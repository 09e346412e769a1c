"""Lead fields as they arrive from outside (CSV cells, JSON values): parsing and checking.

One definition for the CSV import and the API, so a value accepted by one is accepted by
the other. Pure: no database.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from alignment.email_address import normalise_email, validate_email_address
from alignment.text import CONTROL_CHARACTER_MESSAGE, has_control_characters
from leads.models import Country, Industry, Lead
from leads.models.leads import MAX_EMPLOYEES, MAX_REVENUE

COUNTRIES = dict(Country.choices)
# Read once: Django builds an enumeration's values anew on every access, which an import
# of 100,000 rows felt (a fifth of its parsing).
INDUSTRIES = frozenset(Industry.values)
COUNTRY_ALIASES = {
    "netherlands": "NL", "the netherlands": "NL", "nederland": "NL", "holland": "NL",
    "belgium": "BE", "belgie": "BE", "belgië": "BE", "belgique": "BE",
    "luxembourg": "LU", "luxemburg": "LU", "germany": "DE", "duitsland": "DE",
    "deutschland": "DE", "france": "FR", "frankrijk": "FR", "united kingdom": "GB",
    "uk": "GB", "great britain": "GB", "verenigd koninkrijk": "GB", "engeland": "GB",
    "ireland": "IE", "ierland": "IE", "denmark": "DK", "denemarken": "DK", "sweden": "SE",
    "zweden": "SE", "norway": "NO", "noorwegen": "NO", "finland": "FI", "spain": "ES",
    "spanje": "ES", "italy": "IT", "italië": "IT", "italie": "IT", "austria": "AT",
    "oostenrijk": "AT", "switzerland": "CH", "zwitserland": "CH", "poland": "PL",
    "polen": "PL", "united states": "US", "usa": "US", "verenigde staten": "US",
}  # fmt: skip
INDUSTRY_ALIASES = {
    "manufacturing": Industry.MANUFACTURING, "industrie": Industry.MANUFACTURING,
    "maakindustrie": Industry.MANUFACTURING, "machinery": Industry.MANUFACTURING,
    "logistics": Industry.LOGISTICS, "transportation": Industry.LOGISTICS,
    "transport": Industry.LOGISTICS, "logistiek": Industry.LOGISTICS,
    "healthcare": Industry.HEALTHCARE, "health care": Industry.HEALTHCARE,
    "hospital & health care": Industry.HEALTHCARE, "zorg": Industry.HEALTHCARE,
    "gezondheidszorg": Industry.HEALTHCARE, "retail": Industry.RETAIL,
    "wholesale": Industry.RETAIL, "groothandel": Industry.RETAIL,
    "detailhandel": Industry.RETAIL, "construction": Industry.CONSTRUCTION,
    "bouw": Industry.CONSTRUCTION, "food": Industry.FOOD, "food & beverages": Industry.FOOD,
    "agriculture": Industry.FOOD, "voeding": Industry.FOOD, "landbouw": Industry.FOOD,
    "finance": Industry.FINANCE, "financial services": Industry.FINANCE,
    "banking": Industry.FINANCE, "insurance": Industry.FINANCE,
    "financiële dienstverlening": Industry.FINANCE, "it": Industry.IT,
    "information technology": Industry.IT, "computer software": Industry.IT,
    "software": Industry.IT, "technology": Industry.IT, "ict": Industry.IT,
    "energy": Industry.ENERGY, "utilities": Industry.ENERGY, "energie": Industry.ENERGY,
    "government": Industry.GOVERNMENT, "government administration": Industry.GOVERNMENT,
    "overheid": Industry.GOVERNMENT, "education": Industry.EDUCATION,
    "onderwijs": Industry.EDUCATION, "professional services": Industry.PROFESSIONAL,
    "consulting": Industry.PROFESSIONAL, "zakelijke dienstverlening": Industry.PROFESSIONAL,
    "other": Industry.OTHER, "overig": Industry.OTHER, "anders": Industry.OTHER,
}  # fmt: skip


class FieldError(ValueError):
    pass


# A tuple, not `str | int | float`: the union is built anew on every call, and an import
# checks 700,000 cells.
TEXT_TYPES = (str, int, float)


def _text(limit: int) -> Callable[[object], str]:
    def parse(value: object) -> str:
        if type(value) is str:  # nearly every value: one check instead of three
            text = value.strip()
        elif isinstance(value, TEXT_TYPES) and not isinstance(value, bool):
            text = str(value).strip()
        else:
            raise FieldError(_("Expected text."))
        if len(text) > limit:
            raise FieldError(_("At most %(limit)d characters.") % {"limit": limit})
        if has_control_characters(text):
            raise FieldError(CONTROL_CHARACTER_MESSAGE)
        return text

    return parse


_email_text = _text(254)


def parse_email(value: object) -> str:
    """An address as RFC 6531 has it (letters of any script, IDN domains), normalised."""
    email = normalise_email(_email_text(value))
    if not email:
        raise FieldError(_("An email address is required."))
    try:
        validate_email_address(email)
    except ValidationError:
        raise FieldError(
            _("“%(value)s” is not a valid email address.") % {"value": email}
        ) from None
    return email


_industry_text = _text(100)


def parse_industry(value: object) -> str:
    text = _industry_text(value).lower()
    if not text:
        return ""
    if text in INDUSTRIES:
        return text
    # An industry a CRM names differently than we do is kept as "other", not refused.
    return INDUSTRY_ALIASES.get(text) or _industry_labels().get(text) or Industry.OTHER


@functools.cache
def _labels_in(language: str) -> dict[str, str]:
    return {str(label).lower(): code for code, label in Industry.choices}


def _industry_labels() -> dict[str, str]:
    """The industry names in the active language (computed once per language: an import
    parses this for every row)."""
    return _labels_in(get_language() or "")


_country_text = _text(60)


def parse_country(value: object) -> str:
    text = _country_text(value)
    if not text:
        return ""
    if text.upper() in COUNTRIES:
        return text.upper()
    code = COUNTRY_ALIASES.get(text.lower())
    if code is None:
        raise FieldError(
            _("Unknown country “%(value)s”: use a two-letter code such as NL or BE.")
            % {"value": text}
        )
    return code


_GROUPED = re.compile(r"\d{1,3}([.,\s]\d{3})+")


def parse_whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        raise FieldError(_("Expected a whole number."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, (str, float)):
        text = str(value).strip()
        if not text:
            return None
        if _GROUPED.fullmatch(text):
            text = re.sub(r"[.,\s]", "", text)
        if not text.isdecimal():
            raise FieldError(_("“%(value)s” is not a whole number.") % {"value": text[:40]})
        # int() refuses texts of over 4,300 digits; nothing that long fits anyway.
        digits = text.lstrip("0") or "0"
        number = int(digits) if len(digits) <= len(str(MAX_EMPLOYEES)) else MAX_EMPLOYEES + 1
    else:
        raise FieldError(_("Expected a whole number."))
    if not 0 <= number <= MAX_EMPLOYEES:
        raise FieldError(_("Expected a number between 0 and 2,000,000,000."))
    return number


# Lead.estimated_value is numeric(12, 2): below ten billion euros, in cents.
MAX_AMOUNT = Decimal("1e10")
CENTS = Decimal("0.01")


def _decimal(value: object) -> Decimal | None:
    """Euros, as 1500000, 1.500.000,50 (Dutch), 1,500,000.50 or € 1.5 (both separators)."""
    if isinstance(value, bool):
        raise FieldError(_("Expected an amount."))
    if isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, str):
        text = re.sub(r"(?i)€|eur|\s", "", value)
        if not text:
            return None
        text = _decimal_text(text)
    else:
        raise FieldError(_("Expected an amount."))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise FieldError(_("“%(value)s” is not an amount.") % {"value": value}) from None
    if not amount.is_finite():
        raise FieldError(_("“%(value)s” is not an amount.") % {"value": value})
    return amount


def parse_amount(value: object) -> Decimal | None:
    """An amount in euros and cents that fits the estimated-value column."""
    amount = _decimal(value)
    if amount is None:
        return None
    if not 0 <= amount < MAX_AMOUNT:
        raise FieldError(_("Expected an amount between 0 and 9,999,999,999.99."))
    if amount != amount.quantize(CENTS):
        raise FieldError(_("An amount has at most two decimals (cents)."))
    return amount.quantize(CENTS)


def _decimal_text(text: str) -> str:
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif text.count(",") + text.count(".") == 1:
        mark = "," if "," in text else "."
        decimal_mark = None if len(text) - text.index(mark) - 1 == 3 else mark
    else:
        decimal_mark = None
    thousands = {",", "."} - {decimal_mark}
    for mark in thousands:
        text = text.replace(mark, "")
    return text.replace(",", ".")


def parse_revenue(value: object) -> int | None:
    """Whole euros (cents are rounded off) that fit the annual-revenue column."""
    amount = _decimal(value)
    if amount is None:
        return None
    if not 0 <= amount < MAX_REVENUE + 1:
        raise FieldError(_("Expected an amount between 0 and 1,000,000,000,000."))
    return min(int(amount.to_integral_value()), MAX_REVENUE)


def label_of(name: str) -> str:
    """A lead field's label in the reader's language: the model's verbose name."""
    return capfirst(Lead._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class LeadField:
    """A lead field as it arrives from outside; its label, length and whether it is
    required are the model's."""

    name: str
    parse: Callable[[object], object]
    json_type: str = "string"
    model_name: str = ""  # the model field, when it is named otherwise

    @property
    def model_field(self):
        return Lead._meta.get_field(self.model_name or self.name)

    @property
    def label(self) -> str:
        return label_of(self.model_field.name)

    @property
    def required(self) -> bool:
        return not self.model_field.blank


def _field(name: str, parse: Callable[[object], object] | None = None, **kwargs) -> LeadField:
    """A field; text fields are parsed as text of the model's length."""
    return LeadField(name, parse or _text(Lead._meta.get_field(name).max_length), **kwargs)


FIELDS = [
    _field("first_name"),
    _field("last_name"),
    _field("email", parse_email),
    _field("phone"),
    _field("company"),
    _field("job_title"),
    _field("industry", parse_industry),
    _field("employees", parse_whole_number, json_type="integer"),
    _field("annual_revenue", parse_revenue, json_type="number"),
    _field("country", parse_country),
    _field("estimated_value", parse_amount, json_type="number"),
    # The code or name of the campaign that brought the lead in; resolved to the campaign
    # by the caller's `find_campaign` (see clean_values).
    LeadField("campaign", _text(120), model_name="source_campaign"),
]
FIELDS_BY_NAME = {field.name: field for field in FIELDS}
REQUIRED = [field.name for field in FIELDS if field.required]
EMPTY = {"employees": None, "annual_revenue": None, "estimated_value": None}


def clean_values(
    raw: dict[str, object], find_campaign: Callable[[str], int | None] = lambda text: None
) -> tuple[dict[str, object], dict[str, str]]:
    """Parse every known field in `raw`; return (values, {field: problem}). A campaign is
    named by its code or name; `find_campaign` gives its id (None: not known)."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for name, value in raw.items():
        field = FIELDS_BY_NAME[name]
        if value is None:
            values[name] = EMPTY.get(name, "")
            continue
        try:
            values[name] = field.parse(value)
        except FieldError as error:
            errors[name] = str(error)
    for name in REQUIRED:
        if name not in errors and not values.get(name):
            errors[name] = str(_("This field is required."))
    campaign = values.pop("campaign", "")
    if campaign and "campaign" not in errors:
        values["source_campaign_id"] = find_campaign(campaign)
        if values["source_campaign_id"] is None:
            errors["campaign"] = str(
                _("Unknown campaign “%(value)s”: use its code or name.") % {"value": campaign}
            )
    return values, errors


def search_text(values: dict) -> str:
    parts = [values.get(key) or "" for key in ("first_name", "last_name", "email", "company")]
    return " ".join(parts).lower()


def normalised(values: dict) -> dict:
    """What every intake path stores differently from the parsed values: the email
    address in its one form, and the search text."""
    return {"email": normalise_email(values.get("email") or ""), "search_text": search_text(values)}


def build_lead(values: dict, *, source: str) -> Lead:
    """An unsaved lead from parsed values, normalised as every intake path stores it."""
    return Lead(source=source, **(values | normalised(values)))
