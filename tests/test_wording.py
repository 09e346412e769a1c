"""Wording (#10 point 19): the English fixes on the pages, the Dutch sentences that read
oddly, checkbox labels without a colon, and catalogue-wide rules for the Dutch text:
one quote style and one word per thing."""

import datetime
import re

import polib
import pytest
import time_machine
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from leads.handoff import services as lifecycle
from leads.models import Stage
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

NL = {"Accept-Language": "nl"}
EN = {"Accept-Language": "en"}
CATALOGUE = polib.pofile(str(settings.BASE_DIR / "locale/nl/LC_MESSAGES/django.po"))


def _dutch() -> list[str]:
    texts = []
    for entry in CATALOGUE:
        if not entry.obsolete:
            texts += list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return texts


@pytest.fixture
def agreement(manager, sales_manager):
    return make_agreement(marketing=manager, sales=sales_manager, required_fields=["phone"])


@pytest.fixture
def lead(marketer, salesperson, agreement):
    return handed_off(ready_lead(by=marketer), by=marketer)


def test_the_rejected_list_says_reason_for_rejection(login, marketer, salesperson, lead):
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_need")
    client = login(marketer)
    english = client.get(reverse("leads:rejected_list"), headers=EN).text
    assert "Reason for rejection" in english and "Reason of rejection" not in english
    assert "Reden van afwijzing" in client.get(reverse("leads:rejected_list"), headers=NL).text


def test_a_late_lead_is_overdue_not_over_time(login, salesperson, lead):
    client = login(salesperson)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        english = client.get(reverse("leads:queue"), headers=EN).text
        dutch = client.get(reverse("leads:queue"), headers=NL).text
        home = client.get(reverse("dashboards:home"), headers=EN).text
    assert "1 overdue" in english and "over time" not in english
    assert re.search(r"\d+ h [\d ]*(min )?overdue|\d+ min overdue", english)
    assert "1 te laat" in dutch and "over de termijn" not in dutch
    assert "1 overdue" in home and "over time" not in home


def test_the_lead_page_says_once_what_blocks_the_handoff(login, marketer, agreement):
    lead = ready_lead(by=marketer, phone="")
    page = login(marketer).get(reverse("leads:lead_detail", args=[lead.pk]), headers=NL).text
    page = " ".join(page.split())
    assert "Nog niet klaar voor overdracht. Ontbreekt: telefoon." in page
    assert "overdracht: Ontbreekt" not in page


def test_a_recycled_lead_is_in_the_stage_teruggezet(login, marketer, salesperson, lead):
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.REJECTED, by=salesperson, reason="no_need")
    url = reverse("leads:lead_stage", args=[lead.pk])
    response = login(marketer).post(
        url, {"to": Stage.RECYCLED, "expected": Stage.REJECTED}, headers=NL, follow=True
    )
    assert "staat nu in de fase “Teruggezet”" in response.text
    assert "staat nu op Teruggezet" not in response.text


def test_a_checkbox_label_has_no_colon():
    class Joint(forms.Form):
        joint = forms.BooleanField(label="Joint", required=False)

    html = Template("{{ form }}").render(Context({"form": Joint()}))
    assert '<label for="id_joint">Joint</label>' in html
    assert "Joint:" not in html


@pytest.mark.parametrize(
    ("msgid", "dutch"),
    [
        ("Effect on every segment", "Effect op alle segmenten"),
        ("Not ready for handoff.", "Nog niet klaar voor overdracht."),
        ("%(left)s overdue", "%(left)s te laat"),
        ("Overdue", "Te laat"),
    ],
)
def test_dutch_wording(msgid, dutch):
    with translation.override("nl"):
        assert translation.gettext(msgid) == dutch


def test_dutch_uses_one_quote_style():
    """“…”, as the English source does: no „…”, ‘…’ or '…' around words."""
    odd = [
        t
        for t in _dutch()
        if "„" in t or re.search(r"‘[^’]*’", t) or re.search(r"(?<!\w)'\w[^']*'(?!\w)", t)
    ]
    assert odd == []


@pytest.mark.parametrize(
    "phrase",
    ["aan de beurt aan de beurt", "hoogstens", "Hoogstens", "Voorproefje", "staat nu op",
     "klantdirecteur", "het wekelijks overleg", "wekelijkse overleg", "over de termijn",
     "krijgt bericht", "gerecyclede", "Relatiecheck"],
)  # fmt: skip
def test_dutch_avoids(phrase):
    assert [t for t in _dutch() if phrase in t] == []
