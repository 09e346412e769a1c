"""No select in the app offers an untranslated empty choice: every form of every app,
in Dutch, has either its own translated empty label or Django's, translated by us."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

UNTRANSLATED = ("---------", "Select an option")


def _form_classes() -> list[type[forms.BaseForm]]:
    root = Path(settings.BASE_DIR)
    modules = sorted(
        ".".join(path.relative_to(root).with_suffix("").parts)
        for path in root.glob("*/**/forms.py")
        if ".venv" not in path.parts
    )
    classes = []
    for name in modules:
        module = importlib.import_module(name)
        classes += [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == name
        ]
    return classes


def _fields(cls) -> dict:
    """The fields of a form made without arguments, or of its class when it needs some."""
    try:
        return cls().fields
    except TypeError:
        return cls.base_fields


def _empty_labels(field) -> list[str]:
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return []
    if isinstance(field, forms.ModelChoiceField):
        return [str(field.empty_label)] if field.empty_label is not None else []
    if isinstance(field, forms.ChoiceField):
        return [str(label) for value, label in field.choices if value in ("", None)]
    return []


def test_the_forms_are_found():
    names = {cls.__name__ for cls in _form_classes()}
    assert {"ActionItemForm", "LeadFilterForm", "SegmentForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("cls", _form_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_no_select_offers_an_untranslated_empty_choice(cls):
    with translation.override("nl"):
        for name, field in _fields(cls).items():
            for label in _empty_labels(field):
                assert not any(text in label for text in UNTRANSLATED), (name, label)


def test_djangos_own_empty_choice_reads_dutch():
    with translation.override("nl"):
        assert str(BLANK_CHOICE_LABEL) == "- Kies een optie -"
