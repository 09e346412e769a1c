import pytest

from relationships.assessment.stages import (
    StageCode,
    gap,
    largest_gaps,
    score_from_average,
    stage_for,
    visibility,
)


@pytest.mark.parametrize(
    ("score", "stage"),
    [
        (20, StageCode.VRIJGEZEL),
        (39, StageCode.VRIJGEZEL),
        (40, StageCode.VERKERING),
        (59, StageCode.VERKERING),
        (60, StageCode.SAMENWONEND),
        (79, StageCode.SAMENWONEND),
        (80, StageCode.GETROUWD),
        (100, StageCode.GETROUWD),
    ],
)
def test_stage_bands_follow_the_hbr_ranges(score, stage):
    assert stage_for(score).code == stage


@pytest.mark.parametrize("score", [19, 101, 0])
def test_a_score_outside_20_to_100_is_refused(score):
    with pytest.raises(ValueError):
        stage_for(score)


def test_average_rating_becomes_the_total_of_twenty_statements():
    assert score_from_average(1) == 20
    assert score_from_average(5) == 100
    assert score_from_average(2.975) == 60
    with pytest.raises(ValueError):
        score_from_average(5.5)


def test_next_stage_and_last_stage():
    assert stage_for(30).next.code == StageCode.VERKERING
    assert stage_for(90).next is None


def test_gap_is_marketing_minus_sales_and_needs_both():
    assert gap(4.0, 2.5) == 1.5
    assert gap(2.0, 3.25) == -1.25
    assert gap(None, 3.0) is None


def test_largest_gaps_are_notable_ones_by_size_whatever_the_sign():
    gaps = {"a": 0.2, "b": -1.4, "c": 0.9, "d": None, "e": 0.6, "f": 0.7}
    assert largest_gaps(gaps) == ["b", "c", "f"]
    assert largest_gaps({"a": 0.4, "b": -0.3}) == []


def test_a_team_is_shown_from_three_respondents():
    assert visibility({"marketing": 3, "sales": 2}).teams == {"marketing"}
    assert visibility({"marketing": 2, "sales": 2}).teams == frozenset()


def test_overall_needs_three_answers_in_total():
    assert visibility({"marketing": 1, "sales": 1}).overall is False
    assert visibility({"marketing": 2, "sales": 1}).overall is True
    assert visibility({"marketing": 3, "sales": 0}).overall is True


def test_overall_is_withheld_when_subtracting_a_shown_team_would_expose_a_small_one():
    assert visibility({"marketing": 5, "sales": 1}).overall is False
    assert visibility({"marketing": 5, "sales": 3}).overall is True


def test_the_readers_own_answers_do_not_count_towards_the_minimum():
    # A reader knows their own answers and could subtract them.
    assert visibility({"marketing": 3, "sales": 0}, reader_team="marketing").overall is False
    assert visibility({"marketing": 3, "sales": 0}, reader_team="marketing").teams == set()
    assert visibility({"marketing": 4, "sales": 0}, reader_team="marketing").teams == {"marketing"}
    assert visibility({"marketing": 3, "sales": 0}, reader_team="sales").teams == {"marketing"}


def test_the_readers_team_with_two_others_hides_the_overall_beside_a_shown_team():
    # Overall minus sales is the reader and two others: subtracting themself gives them away.
    assert visibility({"marketing": 3, "sales": 3}, reader_team="marketing").overall is False
    # With only the reader in marketing, overall minus sales is just the reader's own.
    assert visibility({"marketing": 1, "sales": 3}, reader_team="marketing").overall is True


def test_the_spread_of_answers_needs_more_respondents_than_an_average():
    assert visibility({"marketing": 2, "sales": 2}).overall is True
    assert visibility({"marketing": 2, "sales": 2}).spread is False
    assert visibility({"marketing": 3, "sales": 3}).spread is True
    assert visibility({"marketing": 6, "sales": 0}, reader_team="marketing").spread is True
    assert visibility({"marketing": 5, "sales": 0}, reader_team="marketing").spread is False
