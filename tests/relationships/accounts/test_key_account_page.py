"""A key account's page: revenue this year against the goal, open pipeline, its leads and
their stages, the next steps, and the timeline of what both teams did."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import Lead, Stage
from relationships.accounts import queries, services, views
from relationships.accounts.timeline import timeline
from relationships.actions import services as actions
from tests.conftest import make_person
from tests.queries import assert_same_query_count
from tests.relationships.accounts.helpers import agreement, deal, key_account, lead, organisation

TODAY = timezone.localdate()


@pytest.fixture
def acme(manager, sales_manager, marketer, salesperson):
    """Acme: won € 30,000 this year (and € 8,000 last year, if that was within a year),
    an open deal of € 12,000, a new lead; a key account with a goal of € 100,000."""
    agreement(manager, sales_manager)
    made = {"marketer": marketer, "salesperson": salesperson}
    deal(**made, company="Acme", email="a@acme.nl", amount="30000")
    last_year = TODAY.replace(month=1, day=1) - datetime.timedelta(days=1)
    deal(**made, company="Acme", email="b@acme.nl", amount="8000", closed=last_year)
    deal(**made, company="Acme", email="c@acme.nl", amount="12000", stage=Stage.OPPORTUNITY)
    lead("Acme", "d@acme.nl")
    lead("Brons", "e@brons.nl")
    return key_account(
        organisation("Acme"), by=manager, account_manager=salesperson, marketer=marketer
    )


def _page(client, account, **params):
    return client.get(reverse("relationships:key_account", args=[account.pk]), params)


def test_revenue_this_year_against_the_goal_and_the_open_pipeline(acme):
    figures = queries.figures(acme, TODAY)
    assert figures.revenue == Decimal("30000")
    assert figures.pipeline == Decimal("12000")
    assert figures.leads == 4
    assert [(stage, count) for stage, _label, count in figures.stages] == [
        (Stage.NEW, 1), (Stage.OPPORTUNITY, 1), (Stage.WON, 2),
    ]  # fmt: skip


def test_the_page_shows_figures_leads_and_team(login, acme, salesperson):
    page = _page(login(salesperson), acme).content.decode()
    assert "€30,000" in page and "€100,000" in page and "€12,000" in page
    ours, theirs = (Lead.objects.get(email=e) for e in ("d@acme.nl", "e@brons.nl"))
    assert ours.get_absolute_url() in page and theirs.get_absolute_url() not in page
    assert reverse("alignment:person_detail", args=[acme.marketer.pk]) in page


def test_leads_are_paginated_with_an_htmx_partial(login, acme, salesperson):
    for n in range(30):
        lead("Acme", f"more{n}@acme.nl")
    client = login(salesperson)
    first = _page(client, acme)
    assert len(first.context["leads"].items) == 25 and first.context["leads"].has_next
    second = client.get(
        reverse("relationships:key_account", args=[acme.pk]), {"page": 2},
        headers={"HX-Request": "true", "HX-Target": "account-leads"},
    )  # fmt: skip
    assert len(second.context["leads"].items) == 9
    assert "<html" not in second.content.decode()


def test_a_service_agent_reads_the_account_but_not_its_leads(login, acme, service_agent):
    response = _page(login(service_agent), acme)
    assert response.status_code == 200
    won = Lead.objects.get(email="a@acme.nl")
    assert won.get_absolute_url() not in response.content.decode()
    assert all(entry.kind != "stage" for entry in response.context["entries"])


def test_the_timeline_shows_both_teams_newest_first(acme, marketer, salesperson):
    services.save_activity(
        account_id=acme.pk, by=marketer,
        values={"date": TODAY - datetime.timedelta(days=400), "kind": "event",
                "title": "Old fair", "campaign": None, "note": ""},
    )  # fmt: skip
    services.save_activity(
        account_id=acme.pk, by=marketer,
        values={"date": TODAY, "kind": "visit", "title": "Visit", "campaign": None, "note": ""},
    )  # fmt: skip
    step = services.add_next_step(
        account_id=acme.pk, title="Call", owner=salesperson, due_date=TODAY, by=salesperson
    )
    actions.complete_action_item(item_id=step.pk, by=salesperson)
    entries, more = timeline(acme, limit=100, with_leads=True)
    assert more is False
    kinds = [entry.kind for entry in entries]
    assert kinds.count("stage") == 14  # two won deals of five steps, an open one of four
    assert entries[-1].item.title == "Old fair"
    assert [e.kind for e in entries[:2]] == ["step", "activity"]
    days = [entry.day for entry in entries]
    assert days == sorted(days, reverse=True)
    shown, more = timeline(acme, limit=3, with_leads=True)
    assert shown == entries[:3] and more is True


def test_the_timeline_shows_older_entries_on_request(login, acme, salesperson):
    client = login(salesperson)
    short = _page(client, acme, entries=2)  # as without JavaScript: the whole page
    assert len(short.context["entries"]) == 2 and short.context["more"]
    assert "entries=32" in short.content.decode()
    nonsense = _page(client, acme, entries="many")
    assert len(nonsense.context["entries"]) == 14


def _older(client, acme, entries: int):
    return client.get(
        reverse("relationships:key_account", args=[acme.pk]), {"entries": entries},
        headers={"HX-Request": "true", "HX-Target": "timeline-older"},
    )  # fmt: skip


def test_show_older_appends_only_the_entries_not_shown_yet(login, acme, salesperson, monkeypatch):
    monkeypatch.setattr(views, "TIMELINE_STEP", 4)
    monkeypatch.setattr(views, "TIMELINE_MAX", 12)
    client = login(salesperson)
    everything, _more = timeline(acme, limit=100, with_leads=True)
    second = _older(client, acme, 8)
    assert second.context["entries"] == everything[4:8]
    html = second.content.decode()
    assert "<html" not in html and "<section" not in html
    assert html.count('<li class="timeline-') == 5  # four entries and the button
    assert "entries=12" in html
    last = _older(client, acme, 12)  # 14 entries; the list stops at 12
    assert last.context["entries"] == everything[8:12]
    html = last.content.decode()
    assert "entries=16" not in html
    assert last.context["at_most"] and 'class="timeline-older muted small">' in html
    without_javascript = _page(client, acme, entries=8)  # a page of them, and the way back
    assert without_javascript.context["entries"] == everything[4:8]
    assert "?entries=4#account-timeline" in without_javascript.content.decode()


def test_the_page_runs_a_constant_number_of_queries(login, acme, marketer, salesperson):
    client = login(salesperson)

    def page():
        assert _page(client, acme).status_code == 200

    def grow():
        for n in range(3):
            lead("Acme", f"more{n}@acme.nl")
            services.save_activity(
                account_id=acme.pk, by=marketer,
                values={"date": TODAY, "kind": "event", "title": f"E{n}", "campaign": None,
                        "note": ""},
            )  # fmt: skip
            step = services.add_next_step(account_id=acme.pk, title=f"S{n}", owner=marketer,
                                          due_date=TODAY, by=marketer)  # fmt: skip
            if n:
                actions.complete_action_item(item_id=step.pk, by=marketer)

    assert_same_query_count(page, grow)


def test_an_unknown_account_is_not_found(login, salesperson, db):
    assert (
        login(salesperson).get(reverse("relationships:key_account", args=[99])).status_code == 404
    )


def test_someone_outside_the_team_reads_but_does_not_edit(login, acme):
    outsider = make_person("salesperson", username="other-seller")
    page = _page(login(outsider), acme).content.decode()
    assert reverse("relationships:key_account_edit", args=[acme.pk]) not in page
