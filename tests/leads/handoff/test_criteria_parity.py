"""The MQL criteria exist twice: in Python for one lead (why it cannot be handed off yet)
and in SQL for whole lists (the leads ready for handoff). Both must agree on every lead."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from leads.handoff.queries import criteria_problems, meets_criteria, recycled_at
from leads.models import HandoffAgreement, Lead, LeadEvent, LeadFit, Stage
from leads.models.agreement import REQUIRABLE_FIELDS

AGREEMENTS = [
    {"min_fit_score": 0, "required_fields": [], "recycle_days": 0},
    {"min_fit_score": 60, "required_fields": ["company", "phone"], "recycle_days": 90},
    {"min_fit_score": 35, "required_fields": list(REQUIRABLE_FIELDS), "recycle_days": 10},
    {"min_fit_score": 100, "required_fields": ["employees"], "recycle_days": 3650},
]


def _random_leads(rng: random.Random, count: int) -> list[Lead]:
    now = timezone.now()
    leads = []
    for number in range(count):
        known = {name: rng.random() < 0.7 for name in REQUIRABLE_FIELDS}
        lead = Lead.objects.create(
            email=f"lead{number}@example.nl",
            source="form",
            stage=rng.choice([Stage.NEW, Stage.RECYCLED]),
            phone="+31 6 1234 5678" if known["phone"] else "",
            company="Van Dijk" if known["company"] else "",
            job_title="Director" if known["job_title"] else "",
            industry="manufacturing" if known["industry"] else "",
            employees=rng.choice([0, 120]) if known["employees"] else None,
            country="NL" if known["country"] else "",
        )
        if rng.random() < 0.9:  # a few leads were never scored
            LeadFit.objects.create(lead=lead, score=rng.choice([0, 34, 35, 59, 60, 61, 99, 100]))
        if rng.random() < 0.5:  # recycled some days ago (or long ago)
            days = rng.choice([1, 5, 9, 11, 89, 91, 4000])
            LeadEvent.objects.create(
                lead=lead, at=now - timedelta(days=days), to_stage=Stage.RECYCLED
            )
        leads.append(lead)
    return leads


@pytest.mark.parametrize("rules", AGREEMENTS)
def test_sql_and_python_criteria_agree_on_every_lead(db, rules):
    leads = _random_leads(random.Random(7), 120)
    agreement = HandoffAgreement(**rules)
    now = timezone.now()
    in_sql = set(Lead.objects.filter(meets_criteria(agreement, now)).values_list("pk", flat=True))
    for lead in Lead.objects.filter(pk__in=[lead.pk for lead in leads]).select_related("fit"):
        recycled = recycled_at(lead) if lead.stage == Stage.RECYCLED else None
        in_python = not criteria_problems(lead, agreement, now=now, recycled=recycled)
        assert in_python == (lead.pk in in_sql), (lead.pk, vars(lead), rules)
