"""Words for the fit explanation on the lead page: what each criterion asked for."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from leads.models import Country, Industry
from leads.profiles import scoring


@dataclass
class Line:
    text: str
    weight: int
    matched: bool


@dataclass
class Explanation:
    fit: scoring.Fit
    lines: list[Line]
    disqualifier: str | None


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return _("%(low)s to %(high)s") % {
            "low": number_format(low, force_grouping=True),
            "high": number_format(high, force_grouping=True),
        }
    if low is not None:
        return _("at least %(low)s") % {"low": number_format(low, force_grouping=True)}
    return _("at most %(high)s") % {"high": number_format(high, force_grouping=True)}


def _names(codes, labels: dict) -> str:
    return ", ".join(str(labels.get(code, code)) for code in sorted(codes))


def criterion_text(profile: scoring.Profile, key: str) -> str:
    industries, countries = dict(Industry.choices), dict(Country.choices)
    texts = {
        scoring.INDUSTRY: lambda: (
            _("Industry is one of: %(values)s") % {"values": _names(profile.industries, industries)}
        ),
        scoring.EMPLOYEES: lambda: (
            _("Employees: %(range)s")
            % {"range": _range(profile.employees_min, profile.employees_max)}
        ),
        scoring.REVENUE: lambda: (
            _("Annual revenue (€): %(range)s")
            % {"range": _range(profile.revenue_min, profile.revenue_max)}
        ),
        scoring.COUNTRY: lambda: (
            _("Country is one of: %(values)s") % {"values": _names(profile.countries, countries)}
        ),
        scoring.JOB_TITLE: lambda: (
            _("Job title contains: %(values)s") % {"values": ", ".join(profile.title_words)}
        ),
    }
    return texts[key]()


def disqualifier_text(key: str | None) -> str | None:
    texts = {
        scoring.EMAIL_DOMAIN: _("The email domain is on the list of excluded domains."),
        scoring.COMPETITOR: _("The company is a competitor."),
        scoring.OTHER_COUNTRY: _("The country is outside the segment's countries."),
    }
    return texts.get(key) if key else None


def explain(profiles: list[scoring.Profile], facts: scoring.LeadFacts) -> list[Explanation]:
    by_id = {profile.segment_id: profile for profile in profiles}
    result = []
    for fit in scoring.fits(profiles, facts):
        profile = by_id[fit.segment_id]
        lines = [Line(criterion_text(profile, c.key), c.weight, c.matched) for c in fit.criteria]
        result.append(Explanation(fit, lines, disqualifier_text(fit.disqualifier)))
    return result
