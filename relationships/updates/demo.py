"""Demo product updates: eight over the last three months, from marketing, some for a few
segments; the older ones read by most salespeople, the newest by few, so the demo
salesperson finds unread news. Made once: nothing is added when any update exists."""

import datetime
import random

from django.utils import timezone

from alignment.models import Person
from leads.models import Segment
from relationships.models import ProductUpdate
from relationships.updates import services

# (days ago, author, title, body, days until in force, segment name starts, readers)
UPDATES = [
    (
        88,
        "manager-marketing",
        "Nieuwe koppeling met Exact Globe",
        "Vanaf nu koppelen we standaard met Exact Globe: orders en voorraad komen elk kwartier "
        "binnen, de planning gaat terug als productieorder.\n\n"
        "Noem het bij prospects die met Exact werken; de koppeling zit zonder meerprijs in elke "
        "licentie.",
        7,
        ["Middelgrote", "Groothandel"],
        ["verkoper", "fatima", "joris", "noor", "manager-sales", "directeur"],
    ),
    (
        74,
        "marketeer",
        "Nieuwe prijzen per 1 januari",
        "De licentieprijs stijgt met 4%. Bestaande klanten die vóór 1 december verlengen, houden "
        "een jaar hun huidige prijs.\n\n"
        "Wat ze ervoor terugkrijgen: de hal-weergave, de Exact-koppeling en twee extra trainingen "
        "per jaar.",
        30,
        [],
        ["verkoper", "fatima", "joris", "noor", "manager-sales"],
    ),
    (
        61,
        "lotte",
        "Roostermodule voor de zorg in bèta",
        "Zorginstellingen kunnen diensten en verlof nu in dezelfde planning zien. De module is in "
        "bèta: drie klanten doen mee, nieuwe deelnemers zijn welkom.\n\n"
        "Meld geïnteresseerde zorgklanten aan bij Lotte.",
        0,
        ["Zorg"],
        ["fatima", "noor", "verkoper", "directeur"],
    ),
    (
        47,
        "manager-marketing",
        "Gegevens blijven in de EU",
        "Alle klantgegevens staan vanaf deze maand in datacentra in Frankfurt en Amsterdam. De "
        "whitepaper en de website zijn bijgewerkt.\n\n"
        "Handig bij zorg en overheid, die hier vaak naar vragen.",
        3,
        ["Zorg", "Gemeenten"],
        ["fatima", "joris", "noor", "manager-sales"],
    ),
    (
        33,
        "daan",
        "Hal-weergave: de planning op een groot scherm",
        "Een nieuwe weergave toont de planning van de dag groot en leesbaar op een scherm in de "
        "hal. Hij ververst zichzelf en toont vertragingen in rood.\n\n"
        "Laat het zien in de demo: het maakt indruk bij productiebedrijven.",
        5,
        ["Middelgrote"],
        ["verkoper", "joris", "manager-sales"],
    ),
    (
        20,
        "manager-marketing",
        "Snelstartpakket: live in zes weken",
        "Voor bedrijven tot 200 medewerkers: een vaste aanpak met standaardinstellingen, twee "
        "trainingen en de Exact- of AFAS-koppeling. Live binnen zes weken, voor een vaste "
        "prijs.\n\n"
        "Gebruik het bij wie twaalf weken implementatie te lang vindt.",
        10,
        ["Middelgrote", "Groothandel"],
        ["verkoper", "fatima"],
    ),
    (
        9,
        "lotte",
        "Koppeling met transportsystemen beschikbaar",
        "De planning leest ritten en laadtijden uit de gangbare transportmanagementsystemen. "
        "Logistieke klanten zien zo in één scherm wat er de hal uit moet en wanneer.",
        14,
        ["Logistieke"],
        ["joris"],
    ),
    (
        2,
        "marketeer",
        "Maandelijks opzegbare licentie voor scale-ups",
        "Bedrijven jonger dan vijf jaar kunnen kiezen voor een maandlicentie, per maand "
        "opzegbaar, tegen 10% meer dan de jaarprijs.\n\n"
        "Voeg het toe aan voorstellen voor scale-ups; de voorwaarden staan in de prijslijst.",
        21,
        [],
        [],
    ),
]


def seed(*, rng: random.Random, people: dict[str, Person]) -> None:
    if ProductUpdate.objects.exists() or any(row[1] not in people for row in UPDATES):
        return
    now = timezone.now()
    for days_ago, author, title, body, in_force, segment_names, readers in UPDATES:
        published = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 6))
        update = services.publish_update(
            by=people[author],
            title=title,
            body=body,
            effective_date=timezone.localdate(published) + datetime.timedelta(days=in_force),
            segments=_segments(segment_names),
            now=published,
        )
        for username in readers:
            if username in people:
                read = min(published + datetime.timedelta(hours=rng.randint(1, 72)), now)
                services.mark_read(person=people[username], update_ids=[update.pk], now=read)


def _segments(name_starts: list[str]) -> list[Segment]:
    return [s for s in Segment.objects.all() if any(s.name.startswith(n) for n in name_starts)]
