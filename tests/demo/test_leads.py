import random

from leads import demo
from leads.models import Lead, Segment
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
