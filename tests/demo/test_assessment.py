from relationships.assessment import queries
from relationships.assessment.stages import StageCode
from relationships.models import ActionItem, ActionSource, Round
from tests.demo.conftest import seed_again


def _snapshot():
    return [(p.round.title, p.score, p.marketing, p.sales) for p in queries.history(reader=None)]


def test_demo_shows_three_yearly_rounds_from_vrijgezel_to_samenwonend(db):
    history = queries.history(reader=None)
    assert [p.stage.code for p in history] == [
        StageCode.VRIJGEZEL,
        StageCode.VERKERING,
        StageCode.SAMENWONEND,
    ]
    gaps = [(history[i + 1].round.opened_at - history[i].round.opened_at).days for i in range(2)]
    assert gaps == [365, 365]
    for point in history:
        outcome = queries.round_result(point.round, reader=None)
        assert all(count >= 3 for count in outcome.respondents.values())
        assert max(abs(row.gap) for row in outcome.themes) >= 1
    assert Round.objects.open().count() == 1
    assert ActionItem.objects.filter(source=ActionSource.PLAYBOOK).count() == 2


def test_demo_is_idempotent(db):
    first = _snapshot()
    seed_again()
    assert _snapshot() == first
    assert Round.objects.count() == 4
