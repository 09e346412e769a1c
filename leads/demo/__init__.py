"""Demo segments with Benelux-flavoured ideal-customer profiles, and leads to score.

Deterministic and idempotent: segments are made once by name; leads are topped up to the
number asked for (--leads N), so a second run adds nothing. Leads are written in bulk
(COPY on PostgreSQL), then scored by the set-based rescoring, which also makes their
LeadFit rows, so a million is feasible.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from alignment.bulk import analyze, insert_rows
from alignment.models import Person, Role
from leads.campaigns import stats
from leads.demo import campaigns, lifecycle
from leads.intake.fields import search_text
from leads.models import (
    IdealCustomerProfile,
    Industry,
    Lead,
    LeadEvent,
    LeadFit,
    Segment,
    SlaClock,
    Source,
    Stage,
)
from leads.profiles.rescoring import rescore_all

DEMO_OPTIONS = ["leads"]

SEGMENTS = [
    {
        "name": "Middelgrote maakbedrijven, Benelux",
        "description": "Maakbedrijven met 50–500 medewerkers in Nederland en België.",
        "owner": "marketeer",
        "salespeople": ["verkoper"],
        "icp": {
            "industries": [Industry.MANUFACTURING], "industry_weight": 4,
            "employees_min": 50, "employees_max": 500, "employees_weight": 3,
            "revenue_min": 10_000_000, "revenue_max": 150_000_000, "revenue_weight": 2,
            "countries": ["NL", "BE"], "country_weight": 2,
            "title_words": ["operations", "productie", "directeur", "cfo", "plant"],
            "title_weight": 2, "excluded_email_domains": ["gmail.com", "hotmail.com"],
            "competitors": ["procesnet b.v."], "exclude_other_countries": True,
        },
    },
    {
        "name": "Logistieke dienstverleners, Nederland",
        "description": "Transport- en logistiekbedrijven rond Rotterdam, Venlo en Tilburg.",
        "owner": "daan",
        "salespeople": ["joris", "noor"],
        "icp": {
            "industries": [Industry.LOGISTICS], "industry_weight": 5,
            "employees_min": 100, "employees_weight": 2,
            "countries": ["NL"], "country_weight": 3,
            "title_words": ["logistiek", "supply chain", "warehouse", "fleet"],
            "title_weight": 2, "excluded_email_domains": ["gmail.com"],
        },
    },
    {
        "name": "Zorginstellingen, Vlaanderen",
        "description": "Ziekenhuizen en woonzorgcentra in Vlaanderen.",
        "owner": "lotte",
        "salespeople": ["fatima"],
        "icp": {
            "industries": [Industry.HEALTHCARE], "industry_weight": 5,
            "employees_min": 200, "employees_weight": 2,
            "countries": ["BE"], "country_weight": 3,
            "title_words": ["ict", "zorg", "facilit", "aankoop"], "title_weight": 2,
            "excluded_email_domains": ["student.kuleuven.be", "ugent.be"],
            "exclude_other_countries": True,
        },
    },
    {
        "name": "Groothandel en winkelketens, Benelux",
        "description": "Groothandels en winkelketens met eigen distributie.",
        "owner": "marketeer",
        "salespeople": ["verkoper", "noor"],
        "icp": {
            "industries": [Industry.RETAIL, Industry.FOOD], "industry_weight": 4,
            "revenue_min": 25_000_000, "revenue_weight": 3,
            "countries": ["NL", "BE", "LU"], "country_weight": 2,
            "title_words": ["inkoop", "category", "e-commerce", "directeur"],
            "title_weight": 1, "competitors": ["retailsoft nv"],
        },
    },
    {
        "name": "Gemeenten en publieke sector, Nederland",
        "description": "Gemeenten, provincies en uitvoeringsorganisaties (aanbestedingen).",
        "owner": "manager-marketing",
        "salespeople": ["fatima", "manager-sales"],
        "icp": {
            "industries": [Industry.GOVERNMENT, Industry.EDUCATION], "industry_weight": 5,
            "employees_min": 250, "employees_weight": 2,
            "countries": ["NL"], "country_weight": 3,
            "title_words": ["informatiemanager", "cio", "inkoop", "programmamanager"],
            "title_weight": 2, "excluded_email_domains": ["student.uva.nl"],
        },
    },
]  # fmt: skip

FIRST_NAMES = [
    "Jan", "Pieter", "Sanne", "Lotte", "Bram", "Eva", "Thijs", "Femke", "Joris", "Lieke",
    "Wouter", "Anouk", "Koen", "Sofie", "Lars", "Noor", "Ruben", "Inge", "Stijn", "Elke",
    "Jeroen", "Marieke", "Tom", "Griet", "Bart", "Hanne", "Dirk", "Evi", "Maarten", "Nina",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "van Dijk", "Mulder", "de Boer", "Dekker", "Wouters", "Vermeulen", "Hendriks", "Bos",
]  # fmt: skip
COMPANY_START = [
    "Van Dijk", "Noordzee", "Brabant", "Kempen", "Schelde", "Rijnmond", "Veluwe", "Maas",
    "Limburg", "Twente", "Delta", "Polder", "Zeeland", "Antwerp", "Gent", "Utrecht",
]  # fmt: skip
COMPANY_END = {
    Industry.MANUFACTURING: ["Metaal", "Kunststoffen", "Machinebouw", "Precisietechniek"],
    Industry.LOGISTICS: ["Logistics", "Transport", "Distributie", "Cargo"],
    Industry.HEALTHCARE: ["Zorggroep", "Ziekenhuis", "Woonzorg", "Kliniek"],
    Industry.RETAIL: ["Groothandel", "Retail", "Winkels", "Wholesale"],
    Industry.FOOD: ["Food", "Zuivel", "Bakkerijen", "Agro"],
    Industry.GOVERNMENT: ["Gemeente", "Provincie", "Waterschap", "Uitvoering"],
    Industry.EDUCATION: ["Hogeschool", "College", "Academie", "Scholengroep"],
    Industry.IT: ["Software", "IT", "Digital", "Data"],
    Industry.CONSTRUCTION: ["Bouw", "Infra", "Aannemers", "Installatie"],
    Industry.FINANCE: ["Finance", "Verzekeringen", "Capital", "Lease"],
}
TITLES = [
    "Operations Manager", "Directeur", "CFO", "Hoofd Inkoop", "Plant Manager",
    "Manager Logistiek", "Supply Chain Director", "Warehouse Manager", "ICT-coördinator",
    "Hoofd Facilitaire Zaken", "Category Manager", "E-commerce Manager", "Informatiemanager",
    "CIO", "Programmamanager", "Marketing Manager", "Office Manager", "Stagiair",
    "Productieleider", "Aankoper",
]  # fmt: skip
COUNTRY_WEIGHTS = [("NL", 55), ("BE", 30), ("LU", 3), ("DE", 8), ("FR", 2), ("GB", 2)]
STAGE_WEIGHTS = [
    (Stage.NEW, 45), (Stage.MQL, 14), (Stage.SAL, 9), (Stage.SQL, 7), (Stage.OPPORTUNITY, 6),
    (Stage.WON, 5), (Stage.LOST, 5), (Stage.REJECTED, 4), (Stage.RECYCLED, 3),
    (Stage.DISQUALIFIED, 2),
]  # fmt: skip
DOMAINS_FREE = ["gmail.com", "hotmail.com", "outlook.com", "student.uva.nl", "ugent.be"]
COLUMNS = [
    "first_name", "last_name", "email", "phone", "company", "job_title", "industry",
    "employees", "annual_revenue", "country", "source", "owner_id", "stage",
    "estimated_value", "search_text", "created_at", "updated_at", "source_campaign_id",
]  # fmt: skip


def seed(*, rng: random.Random, leads: int = 3000) -> None:
    people = {p.user.username: p for p in Person.objects.select_related("user")}
    for spec in SEGMENTS:
        _segment(spec, people)
    running = campaigns.seed(rng=random.Random(rng.random()), people=people) if people else []
    missing = leads - Lead.objects.filter(source=Source.DEMO).count()
    if missing > 0:
        _add_leads(rng, people, missing, running)
    lifecycle.seed(rng=rng)
    stats.refresh(period.campaign_id for period in running)
    analyze(Lead, LeadFit, LeadEvent, SlaClock)


def _add_leads(rng: random.Random, people: dict, missing: int, running: list) -> None:
    owners = [p.pk for p in people.values() if p.role == Role.SALESPERSON] or [None]
    # Continue numbering after existing demo leads so a top-up never repeats an address.
    offset = Lead.objects.filter(source=Source.DEMO).count()
    rows = (_lead_row(rng, offset + n, owners, running) for n in range(missing))
    insert_rows(Lead, COLUMNS, rows)
    rescore_all()


def _segment(spec: dict, people: dict) -> Segment:
    owner = people.get(spec["owner"])
    segment, created = Segment.objects.get_or_create(
        name=spec["name"], defaults={"description": spec["description"], "owner": owner}
    )
    if created:
        IdealCustomerProfile.objects.create(segment=segment, **spec["icp"])
    if not segment.salespeople.exists():  # also for demo data made before segments had them
        segment.salespeople.set([people[name] for name in spec["salespeople"] if name in people])
    return segment


def _weighted(rng: random.Random, pairs: list) -> object:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


def _lead_row(rng: random.Random, number: int, owners: list, running: list) -> tuple:
    industry = rng.choice(list(COMPANY_END))
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    company = f"{rng.choice(COMPANY_START)} {rng.choice(COMPANY_END[industry])}"
    slug = company.lower().replace(" ", "")
    domain = (
        rng.choice(DOMAINS_FREE)
        if rng.random() < 0.08
        else f"{slug}.{rng.choice(['nl', 'be', 'com'])}"
    )
    local = f"{first}.{last}".lower().replace(" ", "")
    email = f"{local}.{number}@{domain}"
    employees = int(rng.lognormvariate(4.8, 1.2)) + 1
    revenue = employees * rng.randint(80_000, 250_000)
    stage = _weighted(rng, STAGE_WEIGHTS)
    owner = rng.choice(owners) if stage not in (Stage.NEW, Stage.MQL) else None
    # A lead far down the funnel came in weeks ago: the steps to get there take time.
    youngest = 30 if stage in (Stage.SQL, Stage.OPPORTUNITY, Stage.WON, Stage.LOST) else 0
    created = timezone.now() - timedelta(minutes=rng.randint(youngest * 24 * 60, 365 * 24 * 60))
    value = _deal_value(rng) if stage != Stage.NEW else None
    values = {"first_name": first, "last_name": last, "email": email, "company": company}
    phone = f"+31 6 {rng.randint(10000000, 99999999)}"
    return (
        first, last, email, phone, company, rng.choice(TITLES), industry, employees, revenue,
        _weighted(rng, COUNTRY_WEIGHTS), Source.DEMO, owner, stage, value,
        search_text(values), created, created,
        campaigns.campaign_for(rng, timezone.localdate(created), running),
    )  # fmt: skip


def _deal_value(rng: random.Random) -> Decimal:
    """Many small deals and a few large ones: around € 20,000, now and then € 250,000."""
    value = min(max(rng.lognormvariate(9.9, 0.9), 1_500), 900_000)
    return Decimal(round(value, -2)).quantize(Decimal("0.01"))
