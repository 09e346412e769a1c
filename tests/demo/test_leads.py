import random

from django.db.models import Count
from django.db.models.functions import Coalesce

from leads import demo
from leads.models import FitCount, Lead, LeadFit, Segment
from tests.demo.conftest import LEADS


def test_demo_makes_segments_and_scored_leads_and_tops_up_without_duplicating(db):
    assert Segment.objects.count() == len(demo.SEGMENTS)
    assert Lead.objects.count() == int(LEADS)
    assert Lead.objects.filter(fit__score__gte=70).exists()
    assert Lead.objects.filter(fit__segment__isnull=False).exists()
    demo.seed(rng=random.Random(1), leads=int(LEADS))
    assert Lead.objects.count() == int(LEADS)
    demo.seed(rng=random.Random(2), leads=int(LEADS) + 10)
    assert Lead.objects.count() == int(LEADS) + 10
    assert Lead.objects.values("email").distinct().count() == int(LEADS) + 10


def test_demo_segments_are_covered_by_the_demo_salespeople(db):
    for spec in demo.SEGMENTS:
        segment = Segment.objects.get(name=spec["name"])
        names = sorted(segment.salespeople.values_list("user__username", flat=True))
        assert names == sorted(spec["salespeople"])
    sander = Segment.objects.filter(salespeople__user__username="verkoper")
    assert sander.count() == 2


def _kept_counts_are_right() -> bool:
    counted = LeadFit.objects.values(key=Coalesce("segment_id", 0)).annotate(n=Count("pk"))
    counted = {(key, score): n for key, score, n in counted.values_list("key", "score", "n")}
    kept = FitCount.objects.exclude(leads=0).values_list("segment_key", "score", "leads")
    return counted == {(key, score): n for key, score, n in kept}


def test_the_kept_fit_counts_follow_the_demo_and_its_top_up(db):
    assert _kept_counts_are_right()
    demo.seed(rng=random.Random(3), leads=int(LEADS) + 20)
    assert _kept_counts_are_right()
