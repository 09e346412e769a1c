"""The fit score's rules, on the pure function (no database)."""

from leads.profiles import scoring
from leads.profiles.scoring import LeadFacts, Profile

PROFILE = Profile(
    segment_id=1,
    segment_name="Manufacturers",
    industries=frozenset({"manufacturing"}),
    industry_weight=4,
    employees_min=50,
    employees_max=500,
    employees_weight=3,
    countries=frozenset({"NL", "BE"}),
    country_weight=2,
    title_words=("director", "operations"),
    title_weight=1,
    excluded_email_domains=frozenset({"student.uva.nl", "gmail.com"}),
    competitors=frozenset({"rival bv"}),
    exclude_other_countries=True,
)
IDEAL = LeadFacts(
    email="an@metaal.nl",
    company="Van Dijk Metaal",
    job_title="Operations Director",
    industry="manufacturing",
    employees=120,
    country="NL",
)


def _with(**changes) -> LeadFacts:
    return LeadFacts(**(vars(IDEAL) | changes))


def test_a_lead_matching_every_criterion_scores_100():
    fit = scoring.score(PROFILE, IDEAL)
    assert fit.score == 100
    assert all(c.matched for c in fit.criteria)
    assert fit.disqualifier is None


def test_score_is_the_matched_share_of_the_weight_rounded_half_up():
    # industry (4) missed: 6 of 10 → 60
    assert scoring.score(PROFILE, _with(industry="retail")).score == 60
    # title (1) missed: 9 of 10 → 90
    assert scoring.score(PROFILE, _with(job_title="Buyer")).score == 90
    # 1 of 8 = 12.5 → 13 (half up, not banker's rounding)
    profile = Profile(segment_id=1, industries=frozenset({"x"}), industry_weight=1,
                      countries=frozenset({"NL"}), country_weight=7)  # fmt: skip
    assert scoring.score(profile, LeadFacts(industry="x", country="DE")).score == 13


def test_the_explanation_lists_each_criterion_with_weight_and_outcome():
    fit = scoring.score(PROFILE, _with(employees=10, job_title="Buyer"))
    outcome = {c.key: (c.weight, c.matched) for c in fit.criteria}
    assert outcome == {
        "industry": (4, True),
        "employees": (3, False),
        "country": (2, True),
        "job_title": (1, False),
    }


def test_criteria_without_weight_or_values_do_not_count():
    profile = Profile(segment_id=1, industries=frozenset({"it"}), industry_weight=0,
                      countries=frozenset(), country_weight=5, employees_weight=3)  # fmt: skip
    assert scoring.score(profile, IDEAL).criteria == ()
    assert scoring.score(profile, IDEAL).score == 0


def test_range_bounds_are_inclusive_and_an_unknown_value_misses():
    for employees, matched in [(50, True), (500, True), (49, False), (501, False), (None, False)]:
        fit = scoring.score(PROFILE, _with(employees=employees))
        assert {c.key: c.matched for c in fit.criteria}["employees"] is matched


def test_open_ended_range():
    profile = Profile(segment_id=1, revenue_min=1_000_000, revenue_weight=1)
    assert scoring.score(profile, LeadFacts(annual_revenue=5_000_000)).score == 100
    assert scoring.score(profile, LeadFacts(annual_revenue=999_999)).score == 0


def test_job_title_matches_any_word_case_insensitively():
    assert scoring.title_matches("Head of OPERATIONS", ["director", "operations"])
    assert not scoring.title_matches("Buyer", ["director", "operations"])


def test_excluded_email_domain_disqualifies_including_subdomains():
    assert scoring.score(PROFILE, _with(email="x@gmail.com")).disqualifier == "email_domain"
    fit = scoring.score(PROFILE, _with(email="x@mail.student.uva.nl"))
    assert fit.disqualifier == "email_domain" and fit.score == 0
    assert scoring.score(PROFILE, _with(email="x@notgmail.com")).disqualifier is None


def test_competitor_disqualifies_whatever_the_case():
    fit = scoring.score(PROFILE, _with(company="Rival BV"))
    assert (fit.score, fit.disqualifier) == (0, "competitor")


def test_a_known_country_outside_the_set_disqualifies_but_an_unknown_one_does_not():
    assert scoring.score(PROFILE, _with(country="DE")).disqualifier == "other_country"
    fit = scoring.score(PROFILE, _with(country=""))
    assert fit.disqualifier is None
    assert fit.score == 80


def test_best_fit_picks_the_highest_score_and_the_oldest_segment_on_a_tie():
    other = Profile(segment_id=2, industries=frozenset({"manufacturing"}), industry_weight=1)
    same = Profile(segment_id=3, industries=frozenset({"manufacturing"}), industry_weight=1)
    assert scoring.best_fit([PROFILE, other], _with(job_title="Buyer")).segment_id == 2
    assert scoring.best_fit([same, other], IDEAL).segment_id == 2


def test_no_segment_when_the_best_score_is_zero():
    assert scoring.best_fit([PROFILE], _with(company="Rival BV")) is None
    assert scoring.best_fit([], IDEAL) is None
