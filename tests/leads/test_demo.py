import random

from leads import demo
from leads.models import Lead, Segment


def test_demo_makes_segments_and_scored_leads_and_tops_up_without_duplicating(db):
    demo.seed(rng=random.Random(1), leads=40)
    assert Segment.objects.count() == len(demo.SEGMENTS)
    assert Lead.objects.count() == 40
    assert Lead.objects.filter(fit__score__gte=70).exists()
    assert Lead.objects.filter(fit__segment__isnull=False).exists()
    demo.seed(rng=random.Random(1), leads=40)
    assert Lead.objects.count() == 40
    demo.seed(rng=random.Random(2), leads=50)
    assert Lead.objects.count() == 50
    assert Lead.objects.values("email").distinct().count() == 50
