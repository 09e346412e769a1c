"""Text that must stay on one line and printable: names, titles, phone numbers. Control
characters (NUL, line breaks, tabs, escape codes), Unicode line and paragraph separators
and lone surrogates are refused: PostgreSQL cannot store NUL or a lone surrogate, and a
line break in a name ends up in email headers and CSV exports."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
CONTROL_CHARACTER_MESSAGE = _(
    "Remove the line break, tab or other control character from this text."
)


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def no_control_characters(value: str) -> None:
    """A validator for form and model fields of one line."""
    if has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")
