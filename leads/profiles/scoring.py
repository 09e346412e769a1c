"""The fit score: how well a lead matches a segment's ideal-customer profile, and why.

Pure: no database. This is the reference implementation; leads/scoring_sql.py translates
the same rules into one SQL expression for bulk rescoring, and a test asserts both agree.

Rules:
- a criterion counts when its weight is above 0 and it has values (a set, or a bound);
- score = matched weight / total weight × 100, rounded half up, as whole numbers;
- a disqualifier that fires makes the score 0; no criteria at all also scores 0;
- the lead's segment is the active segment with the highest score, the oldest one on a
  tie; a best score of 0 means no segment.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

INDUSTRY = "industry"
EMPLOYEES = "employees"
REVENUE = "revenue"
COUNTRY = "country"
JOB_TITLE = "job_title"

EMAIL_DOMAIN = "email_domain"
COMPETITOR = "competitor"
OTHER_COUNTRY = "other_country"


@dataclass(frozen=True)
class Profile:
    segment_id: int
    segment_name: str = ""
    industries: frozenset[str] = frozenset()
    industry_weight: int = 0
    employees_min: int | None = None
    employees_max: int | None = None
    employees_weight: int = 0
    revenue_min: int | None = None
    revenue_max: int | None = None
    revenue_weight: int = 0
    countries: frozenset[str] = frozenset()
    country_weight: int = 0
    title_words: tuple[str, ...] = ()
    title_weight: int = 0
    excluded_email_domains: frozenset[str] = frozenset()
    competitors: frozenset[str] = frozenset()
    exclude_other_countries: bool = False


# The attributes of a profile, by name: the ICP model's fields and the editor's.
PROFILE_FIELDS = tuple(
    f.name for f in fields(Profile) if f.name not in ("segment_id", "segment_name")
)
_SETS = ("industries", "countries", "excluded_email_domains", "competitors")


def profile_from(segment_id: int, values: Mapping, segment_name: str = "") -> Profile:
    """A profile from its attributes by name (an ICP's fields, or a form's data); a
    missing attribute is off."""
    given = {name: values[name] for name in PROFILE_FIELDS if values.get(name) is not None}
    for name in _SETS:
        given[name] = frozenset(given.get(name, ()))
    given["title_words"] = tuple(given.get("title_words", ()))
    return Profile(segment_id=segment_id, segment_name=segment_name, **given)


# Fit bands: how a score reads, in lists, filters and counts.
HIGH_FIT, MEDIUM_FIT = 70, 40
FIT_BANDS = {
    "high": (HIGH_FIT, 100),
    "medium": (MEDIUM_FIT, HIGH_FIT - 1),
    "low": (0, MEDIUM_FIT - 1),
}


def band_of(score: int) -> str:
    return next(band for band, (low, high) in FIT_BANDS.items() if low <= score <= high)


@dataclass(frozen=True)
class LeadFacts:
    email: str = ""
    company: str = ""
    job_title: str = ""
    industry: str = ""
    employees: int | None = None
    annual_revenue: int | None = None
    country: str = ""


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: int
    matched: bool


@dataclass(frozen=True)
class Fit:
    segment_id: int
    segment_name: str
    score: int
    criteria: tuple[Criterion, ...]
    disqualifier: str | None


def in_range(value: int | None, low: int | None, high: int | None) -> bool:
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def title_matches(job_title: str, words: Iterable[str]) -> bool:
    title = job_title.lower()
    return any(word in title for word in words)


def email_domain_excluded(email: str, domains: Iterable[str]) -> bool:
    """Matches the domain itself and its subdomains: uva.nl also catches student.uva.nl."""
    address = email.lower()
    return any(address.endswith("@" + d) or address.endswith("." + d) for d in domains)


def criteria_of(profile: Profile, lead: LeadFacts) -> tuple[Criterion, ...]:
    candidates = [
        (INDUSTRY, profile.industry_weight, bool(profile.industries),
         lead.industry in profile.industries),
        (EMPLOYEES, profile.employees_weight,
         profile.employees_min is not None or profile.employees_max is not None,
         in_range(lead.employees, profile.employees_min, profile.employees_max)),
        (REVENUE, profile.revenue_weight,
         profile.revenue_min is not None or profile.revenue_max is not None,
         in_range(lead.annual_revenue, profile.revenue_min, profile.revenue_max)),
        (COUNTRY, profile.country_weight, bool(profile.countries),
         lead.country in profile.countries),
        (JOB_TITLE, profile.title_weight, bool(profile.title_words),
         title_matches(lead.job_title, profile.title_words)),
    ]  # fmt: skip
    return tuple(
        Criterion(key, weight, matched)
        for key, weight, configured, matched in candidates
        if weight > 0 and configured
    )


def disqualifier_of(profile: Profile, lead: LeadFacts) -> str | None:
    if email_domain_excluded(lead.email, profile.excluded_email_domains):
        return EMAIL_DOMAIN
    if lead.company.strip().lower() in profile.competitors:
        return COMPETITOR
    # An unknown country is not "outside": only a known, different country disqualifies.
    if (
        profile.exclude_other_countries
        and profile.countries
        and lead.country
        and lead.country not in profile.countries
    ):
        return OTHER_COUNTRY
    return None


def percentage(matched: int, total: int) -> int:
    """Whole-number percentage rounded half up, in integer arithmetic as SQL does it."""
    if total <= 0:
        return 0
    return (100 * matched + total // 2) // total


def score(profile: Profile, lead: LeadFacts) -> Fit:
    criteria = criteria_of(profile, lead)
    disqualifier = disqualifier_of(profile, lead)
    total = sum(c.weight for c in criteria)
    matched = sum(c.weight for c in criteria if c.matched)
    value = 0 if disqualifier else percentage(matched, total)
    return Fit(profile.segment_id, profile.segment_name, value, criteria, disqualifier)


def fits(profiles: Sequence[Profile], lead: LeadFacts) -> list[Fit]:
    """Every profile's fit, best first (ties: the oldest segment, i.e. the lowest id)."""
    results = [score(profile, lead) for profile in profiles]
    return sorted(results, key=lambda fit: (-fit.score, fit.segment_id))


def best_fit(profiles: Sequence[Profile], lead: LeadFacts) -> Fit | None:
    ranked = fits(profiles, lead)
    if not ranked or ranked[0].score == 0:
        return None
    return ranked[0]
