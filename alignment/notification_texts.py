"""The sentences of the in-app notifications, one per kind.

Apps register the sentence for each kind once, when they load:

    register("sla_breach", _("%(lead)s missed the %(clock)s deadline"))

A notification stores its kind and parameters, not its text, so each reader sees it in
their own language.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_TEXTS: dict[str, Promise] = {}


def register(kind: str, text: Promise) -> None:
    _TEXTS[kind] = text


def render_text(kind: str, params: dict) -> str:
    text = _TEXTS.get(kind)
    if text is None:
        return str(_("You have a new notification."))
    try:
        return str(text) % params
    except (KeyError, TypeError, ValueError):
        return str(text)
