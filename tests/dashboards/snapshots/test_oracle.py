"""The correctness oracle: random lead histories, every KPI of the snapshots compared with a
plain-Python computation of the same definitions, around a DST change and a year
boundary, for every period and every segment (an empty one included)."""

import random
from datetime import UTC, date, datetime

import pytest
import time_machine

from dashboards.kpis.periods import KINDS, start_of
from dashboards.models import Snapshot
from dashboards.snapshots import services
from tests.conftest import make_person
from tests.dashboards.snapshots import histories, oracle

pytestmark = pytest.mark.both_databases

NOW = datetime(2027, 2, 5, 12, tzinfo=UTC)
# Around the night the clocks go back (25 October 2026) and around new year.
RANGES = [(date(2026, 10, 24), date(2026, 10, 27)), (date(2026, 12, 30), date(2027, 1, 4))]


def _stored(day: date, period: str, segment: int | None) -> dict:
    rows = Snapshot.objects.filter(day=day, period=period, segment_id=segment)
    return {
        (row.kpi, row.dimension): row.value
        for row in rows
        if not row.dimension.startswith("campaign:")
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_every_kpi_equals_the_oracle(db, seed):
    marketer, seller = make_person("marketer"), make_person("salesperson")
    world = histories.make(random.Random(seed), leads=90, by=marketer, seller=seller)
    with time_machine.travel(NOW, tick=False):
        for first, last in RANGES:
            services.compute_days(first, last)
        raw = oracle.Raw.load()
        segments = [None, *[segment.pk for segment in world.segments]]
        checked, filled = 0, 0
        for first, last in RANGES:
            for offset in range((last - first).days + 1):
                day = first.fromordinal(first.toordinal() + offset)
                for kind in KINDS:
                    for segment in segments:
                        expected = oracle.values(raw, start_of(kind, day), day, segment, NOW)
                        assert _stored(day, kind, segment) == expected, (day, kind, segment)
                        checked += 1
                        filled += sum(1 for value in expected.values() if value)
    assert checked == 10 * len(KINDS) * len(segments)
    assert filled > checked * 5  # the histories fill most figures, not just zeros


def test_a_day_computed_twice_gives_the_same_rows(db):
    marketer, seller = make_person("marketer"), make_person("salesperson")
    histories.make(random.Random(3), leads=40, by=marketer, seller=seller)
    day = date(2026, 12, 31)
    columns = ["period", "segment", "kpi", "dimension", "value", "numerator", "denominator"]
    with time_machine.travel(NOW, tick=False):
        services.compute_days(day, day)
        first = set(Snapshot.objects.values_list(*columns))
        services.compute_days(day, day)
        again = set(Snapshot.objects.values_list(*columns))
    assert first == again and len(first) == Snapshot.objects.count()
