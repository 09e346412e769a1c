"""Demo action items besides the assessment's: what the teams agreed on after field notes,
some overdue, one due tomorrow, one done and one dropped. Made once: nothing is added
when any item of source "other" exists."""

import datetime

from django.utils import timezone

from alignment.models import Person
from relationships.actions import services
from relationships.models import ActionItem, ActionSource, ActionStatus

# (title, description, owner, made by, due in days (negative: overdue), status)
ITEMS = [
    ("Verschillen met PlanPro op een rij voor sales",
     "Eén pagina: prijsmodel, pilot, koppelingen en wat klanten over beide zeggen.",
     "marketeer", "manager-sales", -9, ActionStatus.OPEN),
    ("Twee gemeenten vragen als referentie", "", "manager-marketing", "manager-sales", -3,
     ActionStatus.OPEN),
    ("Demo inkorten tot dertig minuten",
     "Begin bij de vraag van de klant; de rest alleen als ze erom vragen.",
     "joris", "manager-sales", -2, ActionStatus.OPEN),
    ("Referentieklant bellen voor de vervolgafspraak", "", "verkoper", "manager-sales", -1,
     ActionStatus.OPEN),
    ("Rekenvoorbeeld tijdwinst voor verkopers", "Op basis van de besparing bij bestaande klanten.",
     "daan", "manager-marketing", 1, ActionStatus.OPEN),
    ("FAQ over de ERP-koppeling in de welkomstmail", "", "lotte", "manager-marketing", 5,
     ActionStatus.OPEN),
    ("PlanPro-vergelijking bespreken met Van Dijk Metaal", "", "verkoper", "verkoper", 4,
     ActionStatus.OPEN),
    ("Businesscase-sjabloon op één A4", "", "manager-marketing", "directeur", 12,
     ActionStatus.OPEN),
    ("Klantverhaal Rijnmond Logistiek", "Interview met de planners, tekst en korte video.",
     "lotte", "manager-marketing", -6, ActionStatus.DONE),
    ("Richtprijs op de website", "Besloten: we noemen geen prijs, wel een rekenvoorbeeld.",
     "marketeer", "manager-marketing", 8, ActionStatus.DROPPED),
]  # fmt: skip
# An item made this many days before its due date (so overdue ones were made in the past).
LEAD_TIME_DAYS = 14


def seed(*, people: dict[str, Person]) -> None:
    if ActionItem.objects.filter(source=ActionSource.OTHER).exists():
        return
    today = timezone.localdate()
    for title, description, owner, made_by, due_in, status in ITEMS:
        if owner not in people or made_by not in people:
            continue
        due = today + datetime.timedelta(days=due_in)
        item = services.create_action_item(
            title=title,
            description=description,
            owner=people[owner],
            due_date=due,
            by=people[made_by],
            today=min(today, due - datetime.timedelta(days=LEAD_TIME_DAYS)),
        )
        if status != ActionStatus.OPEN:
            services.update_action_item(
                item_id=item.pk,
                by=people[made_by],
                title=title,
                description=description,
                owner=people[owner],
                due_date=due,
                status=status,
            )
