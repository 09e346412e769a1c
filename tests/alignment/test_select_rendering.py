"""Selects are written in Python (alignment.forms.select_html) instead of through Django's
template, for speed: the HTML must be what Django's own template writes."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from alignment.forms import FormRenderer


class Choices(forms.Form):
    one = forms.ChoiceField(
        choices=[("", "—"), ("a", "Tom & Jerry"), ("b", '<b>"bold"</b>')],
        help_text="Pick one",
    )
    grouped = forms.ChoiceField(
        required=False,
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("other", "Other")],
    )
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two"), ("3", "Three")])
    maybe = forms.NullBooleanField()


@pytest.mark.parametrize("data", [{}, {"one": "b", "grouped": "pear", "several": ["1", "3"]}])
@pytest.mark.parametrize("name", ["one", "grouped", "several", "maybe"])
def test_a_select_is_written_as_django_writes_it(name, data):
    ours = Choices(data or None, renderer=FormRenderer())[name]
    djangos = Choices(data or None, renderer=DjangoTemplates())[name]
    html = str(ours.as_widget())
    assert html.startswith("<select")
    assert parse_html(html) == parse_html(str(djangos.as_widget()))
