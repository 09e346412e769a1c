"""What a closed round shows, and what anonymity keeps hidden."""

from django.urls import reverse

from relationships.assessment import queries, services
from relationships.assessment.stages import StageCode
from tests.conftest import make_person
from tests.queries import assert_same_query_count
from tests.relationships.helpers import (
    answer,
    closed_round,
    ended_round,
    open_round,
    people,
    result,
)

NOT_ENOUGH = "Not enough answers to show without revealing individuals."


def _team(result, team):
    return next(score for score in result.team_scores if score.team == team)


def test_overall_score_and_stage_of_a_closed_round(manager):
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 3, "s")
    round_ = closed_round(manager, dict.fromkeys(marketers, 4) | dict.fromkeys(sellers, 2))
    outcome = result(round_)
    # Average rating 3 → 60 → samenwonend; marketing 80 (getrouwd), sales 40 (verkering).
    assert outcome.score == 60
    assert outcome.stage.code == StageCode.SAMENWONEND
    assert _team(outcome, "marketing").score == 80
    assert _team(outcome, "sales").stage.code == StageCode.VERKERING


def test_team_with_two_answers_is_hidden_and_three_is_shown(login, manager, sales_manager):
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 2, "s")
    round_ = closed_round(manager, dict.fromkeys(marketers, 4) | dict.fromkeys(sellers, 1))
    outcome = result(round_)
    assert outcome.visible.teams == {"marketing"}
    assert _team(outcome, "sales").score is None
    assert all(row.sales is None and row.gap is None for row in outcome.themes)
    assert all(row.marketing == 4 for row in outcome.themes)
    # With sales hidden, the overall would give their answers away by subtraction.
    assert outcome.score is None
    assert outcome.distribution == []

    page = login(sales_manager).get(
        reverse("relationships:assessment_round", args=[round_.pk]),
        headers={"Accept-Language": "en"},
    )
    assert NOT_ENOUGH in page.text


def test_with_three_in_each_team_both_are_shown(manager):
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 3, "s")
    round_ = closed_round(manager, dict.fromkeys(marketers, 4) | dict.fromkeys(sellers, 1))
    outcome = result(round_)
    assert outcome.visible.teams == {"marketing", "sales"}
    assert all(row.gap == 3 for row in outcome.themes)


def test_two_answers_in_each_team_show_only_the_overall(manager):
    answers = dict.fromkeys(people("marketer", 2, "m"), 5) | dict.fromkeys(
        people("salesperson", 2, "s"), 1
    )
    outcome = result(closed_round(manager, answers))
    assert outcome.visible.teams == frozenset()
    assert outcome.score == 60
    assert all(row.marketing is None and row.sales is None for row in outcome.themes)


def test_nothing_at_all_below_three_answers(login, manager):
    marketer = make_person("marketer", username="only")
    round_ = ended_round(manager, {marketer: 5})
    outcome = result(round_)
    assert not outcome.shows_anything
    page = login(manager).get(
        reverse("relationships:assessment_round", args=[round_.pk]),
        headers={"Accept-Language": "en"},
    )
    assert NOT_ENOUGH in page.text
    assert "gap-chart" not in page.text


def test_results_stay_hidden_while_the_round_is_open(login, manager):
    everyone = people("marketer", 3, "m") + people("salesperson", 3, "s")
    round_ = open_round(manager, everyone)
    for person in everyone:
        answer(round_, person, 4)
    outcome = result(round_)
    assert outcome.score is None and outcome.themes == []
    page = login(manager).get(reverse("relationships:assessment_round", args=[round_.pk]))
    assert "gap-chart" not in page.text


def test_largest_gaps_are_highlighted_as_conversation_starters(login, manager):
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 3, "s")
    round_ = closed_round(
        manager,
        {p: {"feedback": 5, "handoff": 2} for p in marketers}
        | {p: {"feedback": 2, "handoff": 4, "culture": 4} for p in sellers},
    )
    outcome = result(round_)
    highlighted = [row.theme.code for row in outcome.conversation_starters]
    assert highlighted == ["feedback", "handoff", "culture"]
    page = login(manager).get(
        reverse("relationships:assessment_round", args=[round_.pk]),
        headers={"Accept-Language": "en"},
    )
    assert page.text.count('class="gap-highlight"') == 3
    assert "marketing rates this 3.0 points higher than sales" in page.text
    assert "sales rates this 2.0 points higher than marketing" in page.text


def test_gap_chart_is_server_rendered_svg_without_inline_styles(login, manager):
    answers = dict.fromkeys(people("marketer", 3, "m"), 4) | dict.fromkeys(
        people("salesperson", 3, "s"), 2
    )
    round_ = closed_round(manager, answers)
    page = login(manager).get(reverse("relationships:assessment_round", args=[round_.pk]))
    assert '<svg class="chart-svg gap-chart"' in page.text
    assert page.text.count('class="dot dot-marketing"') == 10
    assert "style=" not in page.text
    # Dutch decimal commas must never reach SVG coordinates.
    assert 'cx="' in page.text and not any(
        "," in part.split('"')[1] for part in page.text.split('cx="')[1:]
    )


def test_distribution_counts_answers_per_rating(manager):
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 3, "s")
    ratings = dict(zip(marketers + sellers, [1, 5, 3, 5, 5, 1], strict=True))
    rows = result(closed_round(manager, ratings)).distribution
    assert len(rows) == 20
    assert all(row.counts == [2, 0, 1, 0, 3] for row in rows)
    assert rows[0].average == 20 / 6


def test_the_spread_is_not_shown_below_five_respondents(manager):
    answers = dict.fromkeys(people("marketer", 2, "m"), 1) | dict.fromkeys(
        people("salesperson", 2, "s"), 5
    )
    outcome = result(closed_round(manager, answers))
    assert outcome.score == 60
    assert outcome.distribution == []


# The attack of issue 9: a manager invites themself, one colleague and one other person,
# answers alike with the colleague, closes the round and subtracts their own answers from
# the spread per statement: the third person's twenty answers came out exactly.


def test_a_manager_cannot_recover_someones_answers_by_subtracting_their_own(login, manager):
    colleague = make_person("marketer", username="colleague")
    victim = make_person("marketer", username="victim")
    round_ = open_round(manager, [manager, colleague, victim])
    secret = {s.pk: 1 + n % 5 for n, s in enumerate(round_.questionnaire.statements.all())}
    services.submit_answers(round_id=round_.pk, person=victim, ratings=secret)
    answer(round_, manager, 3)
    answer(round_, colleague, 3)
    services.close_round(round_id=round_.pk, by=manager)

    outcome = result(round_, reader=manager)
    # Before: the spread per statement minus the two known answers left the victim's.
    assert outcome.distribution == [] and outcome.score is None and not outcome.visible.teams
    assert all(row.marketing is None and row.overall is None for row in outcome.themes)
    page = login(manager).get(
        reverse("relationships:assessment_round", args=[round_.pk]),
        headers={"Accept-Language": "en"},
    )
    assert "distribution-table" not in page.text
    assert "besides you" in page.text  # the page says why
    (point,) = queries.history(reader=manager)
    assert (point.score, point.marketing, point.sales) == (None, None, None)


def test_a_manager_who_did_not_answer_sees_three_respondents(manager, sales_manager):
    marketers = people("marketer", 3, "m")
    round_ = closed_round(manager, dict.fromkeys(marketers, 4))
    assert result(round_, reader=sales_manager).visible.teams == {"marketing"}
    assert result(round_, reader=marketers[0]).visible.teams == frozenset()


def test_history_shows_every_closed_round_oldest_first(login, manager):
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 3, "s")
    everyone = marketers + sellers
    closed_round(manager, dict.fromkeys(everyone, 1), title="First")
    closed_round(manager, dict.fromkeys(everyone, 3), title="Second")
    open_round(manager, everyone, title="Still open")
    points = queries.history(reader=None)
    assert [(p.round.title, p.score, p.stage.code) for p in points] == [
        ("First", 20, StageCode.VRIJGEZEL),
        ("Second", 60, StageCode.SAMENWONEND),
    ]
    page = login(manager).get(reverse("relationships:assessment"))
    assert "history-chart" in page.text
    assert "Still open" in page.text


def test_history_applies_the_anonymity_rules(manager):
    marketers = people("marketer", 3, "m")
    seller = make_person("salesperson", username="lonely")
    closed_round(manager, {**dict.fromkeys(marketers, 4), seller: 1})
    (point,) = queries.history(reader=None)
    assert point.marketing == 80
    assert point.sales is None
    assert point.score is None


def test_invitees_never_see_the_history_or_results(login, manager, marketer):
    closed_round(manager, dict.fromkeys(people("marketer", 3, "m"), 3), title="Done")
    page = login(marketer).get(reverse("relationships:assessment"))
    assert "history-chart" not in page.text


def test_result_page_query_count_does_not_grow_with_respondents(login, manager):
    client = login(manager)
    marketers = people("marketer", 3, "m")
    sellers = people("salesperson", 3, "s")
    round_ = closed_round(manager, dict.fromkeys(marketers, 4) | dict.fromkeys(sellers, 2))
    closed_round(manager, dict.fromkeys(marketers + sellers, 3), title="Older")

    def more_people_and_rounds():
        extra = people("marketer", 6, "xm") + people("salesperson", 6, "xs")
        for index in range(2):
            closed_round(manager, dict.fromkeys(extra, 5), title=f"Extra {index}")

    url = reverse("relationships:assessment_round", args=[round_.pk])
    assert_same_query_count(lambda: client.get(url), more_people_and_rounds)


def test_assessment_index_query_count_does_not_grow_with_rounds(login, manager):
    client = login(manager)
    everyone = people("marketer", 3, "m") + people("salesperson", 3, "s")
    closed_round(manager, dict.fromkeys(everyone, 3))

    def more_rounds():
        for index in range(3):
            closed_round(manager, dict.fromkeys(everyone, 4), title=f"More {index}")
        open_round(manager, everyone, title="Open one")

    assert_same_query_count(lambda: client.get(reverse("relationships:assessment")), more_rounds)


def test_the_dutch_stage_name_leads_and_english_adds_the_hbr_term(login, manager):
    everyone = people("marketer", 3, "m") + people("salesperson", 3, "s")
    round_ = closed_round(manager, dict.fromkeys(everyone, 3))
    client = login(manager)
    url = reverse("relationships:assessment_round", args=[round_.pk])
    english = client.get(url, headers={"Accept-Language": "en"}).text
    dutch = client.get(url, headers={"Accept-Language": "nl"}).text
    assert '<span class="stage-chip stage-samenwonend">samenwonend (aligned)</span>' in english
    assert '<span class="stage-chip stage-samenwonend">samenwonend</span>' in dutch
    assert "Harvard Business Review" in english and "Harvard Business Review" in dutch


def test_individual_answers_are_not_in_the_admin(db):
    from django.contrib import admin

    from relationships.models import Answer, Invitation

    assert not admin.site.is_registered(Answer)
    assert not admin.site.is_registered(Invitation)
