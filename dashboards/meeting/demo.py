"""Demo meetings: the last eight weeks' meetings, closed, with decisions and action items
(some done, some overdue, some carried over for weeks), and this week's, open. Made once.
"""

import random
from datetime import timedelta

from django.utils import timezone

from alignment.models import Person
from dashboards.meeting import services
from dashboards.models import AgendaItem, Meeting, Section
from relationships.actions.services import complete_action_item

PAST_WEEKS = 8
DECISIONS = {
    Section.KPIS: [
        "Het aantal MQL's blijft achter: marketing zet de webinarreeks een maand door.",
        "Acceptatie ligt boven doel; we houden de MQL-criteria zoals ze zijn.",
        "Kosten per MQL stijgen: de advertenties op LinkedIn gaan tijdelijk omlaag.",
    ],
    Section.FUNNEL: [
        "Te veel leads wachten langer dan een werkdag: sales plant elke ochtend een blok "
        "om te accepteren.",
        "Eerste contact binnen de termijn is het doel van deze week voor het hele salesteam.",
    ],
    Section.REJECTIONS: [
        "Afwijzingen 'past niet in ons profiel' bespreken we met marketing in het ICP-overleg.",
        "Leads zonder telefoonnummer gaan niet meer over: het veld wordt verplicht.",
    ],
    Section.DEALS: [
        "De grote deal in de groothandel krijgt een referentieverhaal zodra hij getekend is.",
        "Marketing maakt een vergelijking met de concurrent voor de lopende offertes.",
    ],
    Section.CAMPAIGNS: [
        "Sales belt de deelnemers van het webinar binnen twee dagen na.",
        "De beursstand wordt bemand door één marketeer en één verkoper per dagdeel.",
    ],
    Section.NOTES: [
        "De vraag naar een koppeling met het ERP komt vaak terug: product krijgt een overzicht.",
    ],
}
ACTIONS = [
    "Belscript bijwerken met de nieuwe prijzen",
    "Casestudy groothandel schrijven",
    "MQL-criteria voor de logistiek herzien",
    "Lijst met afgewezen leads doorlopen met marketing",
    "Vergelijking met de concurrent op één A4",
    "Nabellen deelnemers webinar plannen",
    "Doelen voor volgend kwartaal voorstellen",
    "Terugkoppeling over verloren deals verzamelen",
    "Onboarding nieuwe verkoper: meelopen met marketing",
    "Veldnotities van deze maand samenvatten voor product",
]


def seed(*, rng: random.Random) -> None:
    if Meeting.objects.exists():
        return
    lead = Person.objects.filter(user__username="manager-marketing").first()
    if lead is None:
        return
    this_week = services.week_of(timezone.localdate())
    for weeks_ago in range(PAST_WEEKS, 0, -1):
        _past_meeting(this_week - timedelta(weeks=weeks_ago), lead, rng)
    services.plan_meeting(week=this_week, by=lead, invite=False)


def _past_meeting(week, lead: Person, rng: random.Random) -> None:
    meeting = services.plan_meeting(week=week, by=lead, invite=False)
    held = meeting.starts_at
    items = {item.section: item for item in AgendaItem.objects.filter(meeting=meeting)}
    for section, texts in DECISIONS.items():
        if rng.random() < 0.6:
            services.record_decision(item_id=items[section].pk, text=rng.choice(texts), by=lead)
    owners = list(meeting.attendees.all())
    for _ in range(rng.randint(1, 3)):
        owner = rng.choice(owners)
        link = services.add_action(
            item_id=items[rng.choice(list(DECISIONS))].pk,
            title=rng.choice(ACTIONS),
            owner=owner,
            due_date=timezone.localdate(held) + timedelta(days=rng.choice([7, 7, 14, 21])),
            by=lead,
            today=timezone.localdate(held),
        )
        # Most get done within two weeks; the rest is carried over, some overdue by now.
        if rng.random() < 0.65:
            done = held + timedelta(days=rng.randint(2, 12))
            if done < timezone.now():
                complete_action_item(item_id=link.action_id, by=owner, now=done)
    end = held + timedelta(minutes=meeting.minutes_long)
    services.close_meeting(meeting_id=meeting.pk, by=lead, now=min(end, timezone.now()), send=False)
