"""The weekly meeting's tests: a fixed week, the data of the week before built through the
app's own services (field notes and product updates as rows: their services are being
built elsewhere), and ways to read an agenda page back section by section."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from html import unescape

import time_machine
from django.utils import timezone

from alignment.models import Person
from dashboards.meeting import services
from dashboards.models import Meeting
from dashboards.snapshots.services import compute_days
from leads.handoff import breaches
from leads.handoff import services as lifecycle
from leads.models import Campaign, Lead, Stage
from relationships.actions.services import complete_action_item, create_action_item
from relationships.models import ActionItem, FieldNote, FieldNoteReply, ProductUpdate
from tests.dashboards.dashboard.helpers import target
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.handoff.helpers import handed_off, make_agreement, ready_lead

# Wednesday 11 March 2026, 10:00 in Amsterdam. This week's meeting is on Tuesday 10 March
# at 09:30 (as the week before's was, on 3 March); "last week" is 2–8 March.
NOW = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
THIS_WEEK = date(2026, 3, 9)
LAST_WEEK = date(2026, 3, 2)
LAST_SUNDAY = date(2026, 3, 8)
EN = {"Accept-Language": "en"}
HTMX = {"HX-Request": "true", **EN}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in the office's time zone."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@dataclass
class Week:
    """What happened in the week before this week's meeting, and the meeting before."""

    previous: Meeting
    rejected: Lead
    big_win: Lead
    small_win: Lead
    big_open: Lead
    small_open: Lead
    missed: Lead
    campaign: Campaign
    later_campaign: Campaign
    update: ProductUpdate
    old_update: ProductUpdate
    note: FieldNote
    old_note: FieldNote
    overdue: ActionItem
    done: ActionItem


def deal(lead: Lead, *, by: Person, amount: str, won: bool | None) -> Lead:
    """Through acceptance and qualification to an opportunity of `amount`; then won for
    that amount (won=True), lost (won=False) or left open (None)."""
    for stage in (Stage.SAL, Stage.SQL):
        lifecycle.change_stage(lead_id=lead.pk, to=stage, by=by)
    close = timezone.localdate() + timedelta(days=30)
    lifecycle.change_stage(lead_id=lead.pk, to=Stage.OPPORTUNITY, by=by,
                           amount=Decimal(amount), close_date=close)  # fmt: skip
    if won is True:
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.WON, by=by, amount=Decimal(amount))
    elif won is False:
        lifecycle.change_stage(lead_id=lead.pk, to=Stage.LOST, by=by, reason="Chose a rival")
    return Lead.objects.get(pk=lead.pk)


def field_note(author: Person, text: str, moment: datetime, **values) -> FieldNote:
    return FieldNote.objects.create(author=author, kind=values.pop("kind", "objection"),
                                    text=text, created_at=moment, **values)  # fmt: skip


def product_update(author: Person, title: str, moment: datetime) -> ProductUpdate:
    return ProductUpdate.objects.create(
        title=title, body=f"{title}: what changes for sales.", author=author,
        effective_date=moment.date(), created_at=moment,
    )  # fmt: skip


def build_week(*, manager, sales_manager, marketer, salesperson,
               this_week: date = THIS_WEEK) -> Week:  # fmt: skip
    """The week before `this_week` (by default 2–8 March, as the meeting of 10 March sees
    it), with the meeting of its Tuesday. Call during `this_week`."""
    monday = this_week - timedelta(weeks=1)

    def day(offset: int) -> date:
        return monday + timedelta(days=offset)

    with time_machine.travel(at(monday, 8), tick=False):
        make_agreement(marketing=manager, sales=sales_manager, accept_hours=2,
                       working_hours_only=False)  # fmt: skip
        target("mqls", 40, by=manager, day=monday, joint=True)
    with time_machine.travel(at(monday, 9), tick=False):
        previous = services.plan_meeting(week=monday, by=manager, invite=False)
        services.update_meeting(meeting_id=previous.pk, by=manager, values={
            "starts_at": at(day(1), 9, 30), "minutes_long": 45,
            "facilitator": manager, "deal_threshold": Decimal(25_000),
            "attendees": [manager, marketer, salesperson],
        })  # fmt: skip
        old_update = product_update(marketer, "Old price list", at(monday, 12))
        old_note = field_note(salesperson, "An old remark about delivery times",
                              at(monday, 15))  # fmt: skip
        done = create_action_item(title="Update the call script", owner=salesperson,
                                  due_date=day(4), by=manager)  # fmt: skip
        overdue = create_action_item(title="Write the wholesale case study", owner=marketer,
                                     due_date=day(4), by=manager)  # fmt: skip

    def lead(**values) -> Lead:
        return handed_off(ready_lead(by=marketer, **values), by=marketer)

    with time_machine.travel(at(day(2), 10), tick=False):
        rejected = lead(last_name="Reject", company="Nee BV")
        lifecycle.change_stage(lead_id=rejected.pk, to=Stage.REJECTED, by=salesperson,
                               reason="no_budget", note="They spend next year")  # fmt: skip
        big_win = deal(lead(company="Groot Gewonnen BV"), by=salesperson, amount="40000",
                       won=True)  # fmt: skip
        small_win = deal(lead(company="Klein Gewonnen BV"), by=salesperson, amount="5000",
                         won=True)  # fmt: skip
        big_open = deal(lead(company="Groot Open BV"), by=salesperson, amount="60000",
                        won=None)  # fmt: skip
        small_open = deal(lead(company="Klein Open BV"), by=salesperson, amount="9000",
                          won=None)  # fmt: skip
        missed = lead(last_name="Laat", company="Te Laat BV")
    with time_machine.travel(at(day(2), 13), tick=False):
        assert breaches.scan_breaches() >= 1
    with time_machine.travel(at(day(3), 9), tick=False):
        complete_action_item(item_id=done.pk, by=salesperson)
    update = product_update(marketer, "New price list", at(day(3), 11))
    note = field_note(salesperson, "Customers ask about the ERP link", at(day(4), 14))
    FieldNoteReply.objects.create(note=note, author=marketer, text="We pass it on to product.",
                                  created_at=at(day(4), 15))  # fmt: skip
    campaign = make_campaign(owner=marketer, name="Spring webinar", code="SPRING",
                             start_date=day(16), end_date=day(29),
                             offer="A free planning scan")  # fmt: skip
    later_campaign = make_campaign(owner=marketer, name="Summer fair", code="SUMMER",
                                   start_date=day(49), end_date=day(51),
                                   offer="Free entry")  # fmt: skip
    compute_days(monday, day(6))
    return Week(previous=previous, rejected=rejected, big_win=big_win, small_win=small_win,
                big_open=big_open, small_open=small_open, missed=missed, campaign=campaign,
                later_campaign=later_campaign, update=update, old_update=old_update, note=note,
                old_note=old_note, overdue=overdue, done=done)  # fmt: skip


# Reading pages back ------------------------------------------------------------------

_AGENDA_ITEM = re.compile(r'<li class="agenda-item[^"]*" id="item-(\d+)">')
_SLIDE = re.compile(r'<section class="slide" id="item-(\d+)"')
_FACTS = re.compile(r'<div class="[^"]*\bagenda-facts">(.*?)<div class="outcomes"', re.S)


def sections(html: str, *, projector: bool = False) -> dict[int, str]:
    """Each agenda item's part of the page (agenda or projector), by item pk."""
    pattern = _SLIDE if projector else _AGENDA_ITEM
    parts = pattern.split(html)
    found = {int(pk): text for pk, text in zip(parts[1::2], parts[2::2], strict=True)}
    return found


_LIVE = re.compile(r'<div class="facts-loading" hx-get="([^"]+)"[^>]*>.*?</div>', re.S)


def shown(client, response) -> str:
    """The page as the browser shows it once htmx has loaded each live section (a request
    of its own, in the page's language)."""
    language = response.wsgi_request.headers.get("Accept-Language")
    headers = {"HX-Request": "true"} | ({"Accept-Language": language} if language else {})

    def load(match: re.Match) -> str:
        section = client.get(unescape(match.group(1)), headers=headers)
        assert section.status_code == 200, match.group(1)
        return section.text

    return _LIVE.sub(load, response.text)


def facts_html(html: str, *, projector: bool = False) -> dict[int, str]:
    """What each item shows of the data (its facts rendered), without the forms."""
    shown = {}
    for pk, text in sections(html, projector=projector).items():
        match = _FACTS.search(text)
        shown[pk] = match.group(1) if match else ""
    return shown
