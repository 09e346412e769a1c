"""Demo campaigns: two a month over the past year and the coming two months, each with
what sales should know, cost lines for what has been spent, and a year of sales spend.

Made once (nothing is added when any campaign exists); leads are tied to the campaign that
ran when they came in (see leads/demo/__init__.py).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from alignment.models import Person, TeamCode
from leads.campaigns import stats
from leads.campaigns.queries import shift_month
from leads.models import Campaign, CampaignChannel, Segment, Spend, SpendCategory

MONTHS_BACK, MONTHS_AHEAD = 12, 2

THEMES = [
    (CampaignChannel.WEBINAR, "Webinar slimme planning", "WEB",
     "Gratis proefmaand voor deelnemers die zich binnen twee weken aanmelden.",
     "Vraag naar hun huidige planning in Excel; de demo laat de koppeling met hun ERP zien."),
    (CampaignChannel.TRADE_SHOW, "Beurs Techni-Show", "BEURS",
     "Standbezoekers krijgen een gratis quickscan van hun planningsproces.",
     "Verwijs naar de live demo op de stand; noem de klantcase van Van Dijk Metaal."),
    (CampaignChannel.EMAIL, "Nieuwsbrief voorjaarsactie", "MAIL",
     "Tien procent korting op de implementatie bij een contract vóór het einde van het kwartaal.",
     "De korting geldt alleen voor nieuwe klanten; geen stapeling met partnerkortingen."),
    (CampaignChannel.PAID_SEARCH, "Zoekadvertenties planningssoftware", "SEA",
     "Whitepaper ‘Vijf fouten in productieplanning’ als download.",
     "Wie de whitepaper downloadde, las over doorlooptijd: begin daar het gesprek."),
    (CampaignChannel.EVENT, "Klantendag logistiek", "EVENT",
     "Rondleiding bij een klant en een workshop met onze consultants.",
     "Nodig prospects persoonlijk uit; de dag is ook geschikt voor bestaande klanten."),
    (CampaignChannel.CONTENT, "Klantverhaal Zorggroep Kempen", "CASE",
     "Het klantverhaal als pdf en korte video, vrij te delen.",
     "Gebruik het verhaal bij zorginstellingen die over capaciteit klagen."),
    (CampaignChannel.SOCIAL, "LinkedIn-serie inkoop", "SOCIAL",
     "Gratis benchmark van inkoopkosten voor wie reageert.",
     "Reacties op de posts komen als lead binnen: ze kennen ons nog nauwelijks."),
    (CampaignChannel.PARTNER, "Partnerwebinar met ERP-leverancier", "PARTNER",
     "Gezamenlijk aanbod: koppeling met het ERP zonder meerprijs.",
     "De partner levert de contactpersoon; stem af met hun accountmanager."),
]  # fmt: skip


@dataclass(frozen=True)
class Period:
    campaign_id: int
    start: date
    end: date


def seed(*, rng: random.Random, people: dict[str, Person]) -> list[Period]:
    """Make the campaigns once; return the period of every campaign, for tying leads."""
    if not Campaign.objects.exists():
        _campaigns(rng, people)
        _sales_spend(rng, people)
    return [Period(pk, start, end) for pk, start, end in periods()]


def periods() -> list[tuple[int, date, date]]:
    campaigns = Campaign.objects.exclude(status=Campaign.Status.CANCELLED)
    return list(campaigns.order_by("start_date").values_list("pk", "start_date", "end_date"))


def campaign_for(rng: random.Random, created: date, running: list[Period]) -> int | None:
    """Most leads that come in while campaigns run came through one of them."""
    candidates = [p.campaign_id for p in running if p.start <= created <= p.end + timedelta(14)]
    if not candidates or rng.random() < 0.35:
        return None
    return rng.choice(candidates)


def _campaigns(rng: random.Random, people: dict[str, Person]) -> None:
    today = timezone.localdate()
    owners = [p for key, p in people.items() if key in ("marketeer", "lotte", "daan")]
    segments = list(Segment.objects.order_by("pk"))
    first_month = shift_month(today, -MONTHS_BACK)
    for number in range((MONTHS_BACK + MONTHS_AHEAD) * 2):
        start = first_month + timedelta(days=15 * number + rng.randint(0, 6))
        end = start + timedelta(days=rng.choice([1, 7, 14, 21, 30, 45]))
        channel, name, prefix, offer, points = THEMES[number % len(THEMES)]
        campaign = Campaign.objects.create(
            name=f"{name} {start:%m-%Y}",
            code=f"{prefix}-{start:%Y-%m}-{number % 3 + 1}",
            channel=channel,
            start_date=start,
            end_date=end,
            status=_status(start, end, today, rng),
            owner=rng.choice(owners),
            budget=Decimal(rng.choice([2_500, 5_000, 8_000, 12_000, 20_000, 35_000])),
            description="",
            offer=offer,
            talking_points=points,
            expected_leads=rng.choice([40, 80, 150, 300]),
        )
        if segments:
            campaign.segments.set(rng.sample(segments, k=rng.randint(1, min(2, len(segments)))))
        _costs(rng, campaign, today)
    stats.refresh(Campaign.objects.values_list("pk", flat=True))


def _status(start: date, end: date, today: date, rng: random.Random) -> str:
    if start > today:
        return Campaign.Status.PLANNED
    if end >= today:
        return Campaign.Status.RUNNING
    return Campaign.Status.CANCELLED if rng.random() < 0.04 else Campaign.Status.FINISHED


def _costs(rng: random.Random, campaign: Campaign, today: date) -> None:
    if campaign.start_date > today or campaign.status == Campaign.Status.CANCELLED:
        return
    share = Decimal(rng.uniform(0.6, 1.15) if campaign.end_date < today else rng.uniform(0.2, 0.6))
    total = (campaign.budget * share).quantize(Decimal("1"))
    lines = rng.randint(1, 4)
    category = (
        SpendCategory.EVENTS
        if campaign.channel in (CampaignChannel.EVENT, CampaignChannel.TRADE_SHOW)
        else SpendCategory.CAMPAIGNS
    )
    suppliers = ["Drukkerij Delta", "Google Ads", "Congrescentrum Brabant", "Studio Noord"]
    for index in range(lines):
        day = min(campaign.start_date + timedelta(days=index * 5), today)
        Spend.objects.create(
            team=TeamCode.MARKETING,
            category=category,
            campaign=campaign,
            date=day,
            amount=(total / lines).quantize(Decimal("0.01")),
            description=["Vormgeving", "Mediabudget", "Zaalhuur en catering", "Drukwerk"][index],
            supplier=rng.choice(suppliers),
            created_by=campaign.owner,
        )


def _sales_spend(rng: random.Random, people: dict[str, Person]) -> None:
    today = timezone.localdate()
    sellers = [p for key, p in people.items() if key in ("verkoper", "fatima", "joris", "noor")]
    if not sellers:
        return
    items = [
        (SpendCategory.TRAVEL, "Klantbezoek en reiskosten", 180, 900),
        (SpendCategory.EVENTS, "Relatie-evenement", 1_500, 6_000),
        (SpendCategory.TOOLS, "Licentie verkoopsoftware", 400, 1_200),
    ]
    for month in range(MONTHS_BACK):
        first = shift_month(today, -month)
        for category, description, low, high in rng.sample(items, k=2):
            Spend.objects.create(
                team=TeamCode.SALES,
                category=category,
                date=min(first + timedelta(days=rng.randint(0, 27)), today),
                amount=Decimal(rng.randint(low, high)),
                description=description,
                created_by=rng.choice(sellers),
            )
