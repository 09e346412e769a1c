"""The assessment's arithmetic, free of the database: score → stage, gaps, anonymity.

The stage bands follow Kotler, Rackham & Krishnaswamy, "Ending the War Between Sales and
Marketing", Harvard Business Review, 2006. Twenty statements rated 1–5 give a total of
20–100; a questionnaire with another number of statements is scaled to the same range, so
the bands keep their meaning.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A result (a team's, or both teams') appears only when at least this many people other than
# the reader answered; the spread of answers per statement, which tells more than an
# average, only from the larger number. A round is closed by hand only from MIN_RESPONDENTS.
MIN_RESPONDENTS = 3
MIN_RESPONDENTS_FOR_SPREAD = 5
# The bands are defined for a questionnaire of twenty statements.
REFERENCE_STATEMENTS = 20
LOWEST_RATING, HIGHEST_RATING = 1, 5
LOWEST_SCORE, HIGHEST_SCORE = 20, 100
# A theme's gap counts as a conversation starter from this size on (points on the 1–5 scale).
NOTABLE_GAP = 0.5


class StageCode(StrEnum):
    VRIJGEZEL = "vrijgezel"
    VERKERING = "verkering"
    SAMENWONEND = "samenwonend"
    GETROUWD = "getrouwd"


@dataclass(frozen=True)
class RelationshipStage:
    code: StageCode
    lowest: int
    highest: int
    # Dutch users know the stages by their Dutch names; English adds the HBR term.
    label: Promise
    looks_like: Promise

    @property
    def dutch_name(self) -> str:
        return self.code.value

    @property
    def next(self) -> "RelationshipStage | None":
        index = STAGES.index(self)
        return STAGES[index + 1] if index + 1 < len(STAGES) else None


STAGES = [
    RelationshipStage(
        StageCode.VRIJGEZEL,
        20,
        39,
        _("vrijgezel (undefined)"),
        _(
            "Each team grew up on its own and keeps to its own work. They hardly know what "
            "the other does and mostly meet when there is a conflict to settle."
        ),
    ),
    RelationshipStage(
        StageCode.VERKERING,
        40,
        59,
        _("verkering (defined)"),
        _(
            "There are rules that keep conflicts down. Both know what the other does but "
            "stick to their own tasks; expectations are spoken out, a shared vocabulary is "
            "growing and big events are done together."
        ),
    ),
    RelationshipStage(
        StageCode.SAMENWONEND,
        60,
        79,
        _("samenwonend (aligned)"),
        _(
            "Boundaries are clear but flexible. The teams speak one language, plan together, "
            "discuss big customers with each other, and marketing helps out in transactional "
            "sales."
        ),
    ),
    RelationshipStage(
        StageCode.GETROUWD,
        80,
        100,
        _("getrouwd (integrated)"),
        _(
            "The boundaries have faded. Structures, systems, budgets and rewards are shared, "
            "marketing works on strategy and key accounts with sales, and both win or lose "
            "as one."
        ),
    ),
]
STAGE_BY_CODE = {stage.code: stage for stage in STAGES}


def score_from_average(average_rating: float) -> int:
    """The average rating (1–5) as a total over twenty statements (20–100), rounded."""
    if not LOWEST_RATING <= average_rating <= HIGHEST_RATING:
        raise ValueError(f"an average rating lies between 1 and 5, not {average_rating}")
    return round(average_rating * REFERENCE_STATEMENTS)


def stage_for(score: int) -> RelationshipStage:
    if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
        raise ValueError(f"a score lies between 20 and 100, not {score}")
    return next(stage for stage in STAGES if stage.lowest <= score <= stage.highest)


def gap(marketing: float | None, sales: float | None) -> float | None:
    """How much higher marketing rates a theme than sales does (negative: sales higher)."""
    if marketing is None or sales is None:
        return None
    return round(marketing - sales, 2)


def largest_gaps(gaps: dict[str, float | None], *, limit: int = 3) -> list[str]:
    """The keys of the largest notable gaps, largest first: the conversation starters."""
    notable = [(abs(value), key) for key, value in gaps.items() if value is not None]
    notable = [(size, key) for size, key in notable if size >= NOTABLE_GAP]
    return [key for size, key in sorted(notable, key=lambda item: -item[0])[:limit]]


@dataclass(frozen=True)
class Visibility:
    overall: bool
    teams: frozenset[str]
    spread: bool = False


def visibility(
    respondents_per_team: dict[str, int], *, reader_team: str | None = None
) -> Visibility:
    """Which results may be shown to a reader without revealing anybody's answers.

    Only the answers of others count: a reader who answered (in `reader_team`) knows their
    own and could subtract them. A team is shown from MIN_RESPONDENTS others on. The
    overall result needs as many in total, and is withheld when it sits beside a shown team
    and a team with one or two others: subtracting the shown team would expose those. The
    spread per statement needs MIN_RESPONDENTS_FOR_SPREAD others, besides the overall.
    """
    others = {
        team: count - (team == reader_team and count > 0)
        for team, count in respondents_per_team.items()
    }
    shown = frozenset(team for team, count in others.items() if count >= MIN_RESPONDENTS)
    too_few = [team for team, count in others.items() if 0 < count < MIN_RESPONDENTS]
    total = sum(others.values())
    overall = total >= MIN_RESPONDENTS and not (shown and too_few)
    spread = overall and total >= MIN_RESPONDENTS_FOR_SPREAD
    return Visibility(overall=overall, teams=shown, spread=spread)
