"""The demo organisation: both teams, a service desk and one login per role.

Deterministic and idempotent: a person who already exists is left as they are.
"""

import random

from alignment import services
from alignment.models import Person, Role, TeamCode

DEMO_PASSWORD = "alignment-demo"

# username, first, last, role, team, job title, expertise, covers, liaison, director
PEOPLE = [
    (
        "marketeer",
        "Marloes",
        "de Vries",
        Role.MARKETER,
        TeamCode.MARKETING,
        "Campagnemarketeer",
        "Campagnes, marketingautomatisering, webinars",
        "",
        False,
        False,
    ),
    (
        "verkoper",
        "Sander",
        "Jansen",
        Role.SALESPERSON,
        TeamCode.SALES,
        "Account executive",
        "Maakindustrie, ERP-koppelingen, aanbestedingen",
        "Key account Van Dijk Metaal",
        False,
        False,
    ),
    (
        "manager-marketing",
        "Mira",
        "Bakker",
        Role.MANAGER,
        TeamCode.MARKETING,
        "Hoofd marketing",
        "Budget, merk, positionering",
        "Alle segmenten",
        False,
        False,
    ),
    (
        "manager-sales",
        "Stefan",
        "Visser",
        Role.MANAGER,
        TeamCode.SALES,
        "Hoofd sales",
        "Prijzen, onderhandelen, forecasts",
        "Alle segmenten",
        False,
        False,
    ),
    (
        "admin",
        "Anouk",
        "Smit",
        Role.ADMIN,
        None,
        "Applicatiebeheerder",
        "Accounts, instellingen",
        "",
        False,
        False,
    ),
    (
        "directeur",
        "Hendrik",
        "Mulder",
        Role.MANAGER,
        TeamCode.SALES,
        "Directeur klanten",
        "Omzetstrategie, key accounts",
        "Top-20-accounts",
        False,
        True,
    ),
    (
        "lotte",
        "Lotte",
        "Peters",
        Role.MARKETER,
        TeamCode.MARKETING,
        "Content marketer",
        "Klantverhalen, productmarketing, SEO",
        "",
        True,
        False,
    ),
    (
        "daan",
        "Daan",
        "Hendriks",
        Role.MARKETER,
        TeamCode.MARKETING,
        "Marketinganalist",
        "Dashboards, attributie, leadscoring",
        "",
        False,
        False,
    ),
    (
        "fatima",
        "Fatima",
        "El Amrani",
        Role.SALESPERSON,
        TeamCode.SALES,
        "Account executive",
        "Inkoop in de zorg, openbare aanbestedingen",
        "Key account AZ Brugge",
        False,
        False,
    ),
    (
        "joris",
        "Joris",
        "van Leeuwen",
        Role.SALESPERSON,
        TeamCode.SALES,
        "Inside sales",
        "Demo's, eerste gesprekken, kwalificatie",
        "SaaS-scale-ups",
        True,
        False,
    ),
    (
        "noor",
        "Noor",
        "Willems",
        Role.SALESPERSON,
        TeamCode.SALES,
        "Key account manager",
        "Grote contracten, verlengingen",
        "Key account Rijnmond Logistiek",
        False,
        False,
    ),
    (
        "kevin",
        "Kevin",
        "Maes",
        Role.SERVICE,
        TeamCode.SERVICE,
        "Customer-successmanager",
        "Onboarding, verlengingen, escalaties",
        "Alle bestaande klanten",
        False,
        False,
    ),
]


def seed(*, rng: random.Random) -> None:
    services.ensure_teams()
    existing = set(Person.objects.values_list("user__username", flat=True))
    for row in PEOPLE:
        username, first, last, role, team, title, expertise, covers, liaison, director = row
        if username in existing:
            continue
        services.create_person(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@alignment-demo.nl",
            role=role,
            team_code=team,
            password=DEMO_PASSWORD,
            job_title=title,
            phone=f"+31 6 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            expertise=expertise,
            covers=covers,
            is_liaison=liaison,
            leads_all_teams=director,
        )
