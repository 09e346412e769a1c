"""Demo key accounts: the organisations are recognised from the demo leads, and five of the
largest customers become key accounts with a team, a goal, activities over the last months
and next steps (some due this week, one overdue). One of them has been quiet for more than
30 days, so the weekly meeting has something to ask about. Made once: nothing is added when
any key account exists."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from alignment.models import Person
from leads.models import Campaign
from relationships.accounts import queries, services
from relationships.accounts.timeline import QUIET_DAYS, stage_events
from relationships.actions import services as actions
from relationships.models import ActionItem, ActivityKind, KeyAccount

ACCOUNTS = 5
# (account manager, marketer, service contact) of the five accounts, the largest first.
TEAMS = [
    ("verkoper", "marketeer", "kevin"),
    ("noor", "lotte", None),
    ("fatima", "lotte", "kevin"),
    ("joris", "daan", None),
    ("verkoper", "daan", None),
]
AIMS = (
    "Van leverancier naar partner: samen de planning van hun drie vestigingen verbeteren. "
    "Marketing zet klantverhalen en events in voor hun inkopers, sales werkt de uitbreiding "
    "naar de andere vestigingen uit."
)
# (days ago, kind, title, note); each account gets four, in turn.
ACTIVITIES = [
    (75, ActivityKind.EVENT, "Klantendag op hun locatie", "Twaalf gebruikers, veel vragen."),
    (48, ActivityKind.VISIT, "Bezoek inkoop en operations", "Budget voor uitbreiding bevestigd."),
    (33, ActivityKind.EVENT, "Rondetafel met hun planners", "Wensen voor de ERP-koppeling."),
    (26, ActivityKind.CAMPAIGN, "Webinar speciaal voor hun planners", ""),
    (16, ActivityKind.VISIT, "Werkbezoek nieuwe vestiging", "Zelfde processen, andere diensten."),
    (9, ActivityKind.MEETING, "Kwartaalgesprek met de directie", "Wil een referentiecase doen."),
]  # fmt: skip
# Open next steps: each account gets two of these, in turn, due in 3 and 12 days.
NEXT_STEPS = [
    "Offerte uitbreiding tweede vestiging sturen",
    "Klantverhaal opnemen met hun operations manager",
    "Demo van de nieuwe planningsmodule geven",
    "Evaluatie van de implementatie inplannen",
    "Inkopers uitnodigen voor de klantendag",
    "Referentiebezoek bij een andere klant regelen",
    "Contractverlenging voorbereiden",
    "Whitepaper over capaciteitsplanning delen met de directie",
    "Workshop capaciteitsplanning aanbieden",
    "Gebruikersgroep met andere klanten voorstellen",
]
DUE_IN = (3, 12)
OVERDUE = (-4, "Uitnodiging roundtable inkoop versturen")


def seed(*, rng: random.Random) -> None:
    services.recognise_organisations()
    services.refresh_proposals(timezone.localdate())
    if KeyAccount.objects.exists():
        return
    people = {p.user.username: p for p in Person.objects.select_related("user", "team")}
    by = people.get("manager-sales")
    if by is None or any(name not in people for team in TEAMS for name in team if name):
        return
    today = timezone.localdate()
    chosen = _choose(today)
    campaign = Campaign.objects.filter(start_date__lte=today).order_by("-start_date").first()
    for number, (proposal, team) in enumerate(zip(chosen, TEAMS, strict=False)):
        quiet = number == len(chosen) - 1
        account = services.create_key_account(
            organisation_id=proposal.organisation.pk,
            team=services.Team(*(people[name] if name else None for name in team)),
            by=by,
            goal=_goal(proposal.revenue, rng),
            aims=AIMS,
            today=today,
        )
        _activities(account, people[team[1]], campaign, today, number=number, quiet=quiet)
        _next_steps(account, people[team[0]], by, today, number=number, quiet=quiet)


def _choose(today: datetime.date) -> list:
    """The four largest customers and, as the fifth, the largest of the rest whose leads
    have had no stage change for QUIET_DAYS (the largest left when none has)."""
    proposals = queries.largest_customers(today, limit=20)
    largest, rest = proposals[: ACCOUNTS - 1], proposals[ACCOUNTS - 1 :]
    since = timezone.now() - datetime.timedelta(days=QUIET_DAYS + 5)
    quiet = next((p for p in rest if not _changed_since(p.organisation, since)), None)
    quiet = quiet or (rest[0] if rest else None)
    return largest + ([quiet] if quiet else [])


def _changed_since(organisation, since: datetime.datetime) -> bool:
    return stage_events(organisation.keys.all()).filter(at__gte=since).exists()


def _goal(revenue: Decimal, rng: random.Random) -> Decimal:
    return (revenue * Decimal(rng.choice(["1.2", "1.3", "1.5"]))).quantize(Decimal(1000))


def _activities(account, marketer: Person, campaign, today, *, number: int, quiet: bool):
    chosen = [ACTIVITIES[(number + n) % len(ACTIVITIES)] for n in range(4)]
    for days, kind, title, note in chosen:
        days = days + 40 if quiet else days  # nothing in the last 30 days
        services.save_activity(
            account_id=account.pk,
            values={
                "date": today - datetime.timedelta(days=days),
                "kind": kind,
                "title": title,
                "note": note,
                "campaign": campaign if kind == ActivityKind.CAMPAIGN else None,
            },
            by=marketer,
        )


def _next_steps(account, owner: Person, by: Person, today, *, number: int, quiet: bool):
    """Open next steps (the first account has one overdue), one done last month; the
    quiet account's were all made long ago."""
    titles = [NEXT_STEPS[(2 * number + n) % len(NEXT_STEPS)] for n in range(2)]
    steps = list(zip(DUE_IN, titles, strict=True)) + ([OVERDUE] if number == 0 else [])
    made_days_ago = 60 if quiet else 20
    made = today - datetime.timedelta(days=made_days_ago)
    items = []
    for due_in, title in steps:
        items.append(
            services.add_next_step(
                account_id=account.pk,
                title=title,
                owner=owner,
                due_date=today + datetime.timedelta(days=due_in),
                by=by,
                today=min(made, today + datetime.timedelta(days=due_in)),
            )
        )
    done = services.add_next_step(
        account_id=account.pk,
        title="Kennismaking met de nieuwe inkoopmanager",
        owner=owner,
        due_date=today,
        by=by,
    )
    actions.complete_action_item(
        item_id=done.pk, by=by, now=timezone.now() - datetime.timedelta(days=made_days_ago - 5)
    )
    # The demo tells a story of the past months: the steps were made back then.
    back_then = timezone.now() - datetime.timedelta(days=made_days_ago)
    ActionItem.objects.filter(pk__in=[i.pk for i in items] + [done.pk]).update(created_at=back_then)
