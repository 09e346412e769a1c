"""The SQL translation of the fit score gives exactly the pure function's results."""

import random

from leads.models import Lead, LeadFit, Source
from leads.profiles import queries, scoring
from leads.profiles.rescoring import rescore_all
from tests.leads.helpers import MANUFACTURING_ICP, make_segment

TITLES = ["Operations Director", "BUYER", "director of sales", "Stagiair", "", "Head of Ops"]
DOMAINS = ["metaal.nl", "gmail.com", "student.uva.nl", "mail.student.uva.nl", "uva.nl.com"]
COMPANIES = ["Van Dijk Metaal", "Rival BV", "rival bv", " Rival BV ", "Rivalry BV", ""]


def _varied_leads(count: int) -> None:
    rng = random.Random(7)
    leads = []
    for n in range(count):
        values = {
            "email": f"p{n}@{rng.choice(DOMAINS)}",
            "company": rng.choice(COMPANIES),
            "job_title": rng.choice(TITLES),
            "industry": rng.choice(["manufacturing", "logistics", "retail", ""]),
            "employees": rng.choice([None, 0, 49, 50, 51, 499, 500, 501, 5000]),
            "annual_revenue": rng.choice([None, 0, 999_999, 1_000_000, 80_000_000]),
            "country": rng.choice(["NL", "BE", "DE", ""]),
        }
        # Deliberately unscored: the bulk rescoring must fill these in.
        leads.append(Lead(source=Source.IMPORT, **values))
    Lead.objects.bulk_create(leads)


def test_bulk_rescoring_equals_the_reference_function(marketer):
    make_segment(by=marketer)
    make_segment(
        by=marketer,
        name="Logistics",
        industries=["logistics"],
        industry_weight=5,
        revenue_min=1_000_000,
        revenue_weight=2,
        title_words=["ops", "buyer"],
        title_weight=3,
        excluded_email_domains=["gmail.com"],
    )
    make_segment(by=marketer, name="Empty profile")
    make_segment(by=marketer, name="Same as first", **MANUFACTURING_ICP)
    _varied_leads(400)

    rescore_all(batch=97)  # odd batch size: ranges must not skip or repeat rows

    profiles = queries.active_profiles()
    mismatches = []
    for lead in Lead.objects.select_related("fit"):
        fit = scoring.best_fit(profiles, queries.facts_of(lead))
        expected = (fit.score, fit.segment_id) if fit else (0, None)
        if (lead.fit.score, lead.fit.segment_id) != expected:
            mismatches.append((lead.pk, vars(queries.facts_of(lead)), expected, lead.fit.score))
    assert mismatches == []
    assert Lead.objects.filter(fit__score__gt=0).count() > 100
    assert LeadFit.objects.filter(segment=None).exists()
    assert LeadFit.objects.count() == Lead.objects.count()


def test_rescoring_writes_only_the_rows_that_change(marketer):
    make_segment(by=marketer)
    _varied_leads(50)
    assert rescore_all() > 0
    assert rescore_all() == 0


def test_without_active_segments_every_lead_is_unscored(marketer):
    segment = make_segment(by=marketer)
    _varied_leads(30)
    rescore_all()
    segment.active = False
    segment.save()
    rescore_all()
    assert not LeadFit.objects.exclude(score=0, segment=None).exists()
