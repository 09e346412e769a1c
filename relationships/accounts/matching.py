"""Which organisation a lead belongs to, defined once and written twice: as a filter for
the leads of one organisation (served by the indexes on the lead's company_key and
email_domain) and as an expression giving every lead's organisation (for sums per
organisation over many leads). tests/relationships/accounts/test_matching.py keeps them
equal.

The email domain decides first: an address at vandijkmetaal.nl is Van Dijk Metaal's,
whatever company name was typed. A lead whose domain is no organisation's (a free-mail
address, or a domain no one recognised) belongs to the organisation of its company name.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from relationships.models import KeyKind, OrganisationKey


def _keys(kind: str, **filters) -> QuerySet[OrganisationKey]:
    return OrganisationKey.objects.filter(kind=kind, **filters).order_by()


def leads_of(organisation_id: int | OuterRef | list[int], through: str = "") -> Q:
    """The leads of one organisation (or of any in a list), as a filter on Lead (or, with
    `through`, on a model that points at the lead: through="lead__" filters lead events)."""
    if isinstance(organisation_id, list):
        own = {"organisation_id__in": organisation_id}
    else:
        own = {"organisation_id": organisation_id}
    domains = _keys(KeyKind.DOMAIN, **own).values("value")
    names = _keys(KeyKind.NAME, **own).values("value")
    domain_is_a_key = Exists(_keys(KeyKind.DOMAIN, value=OuterRef(f"{through}email_domain")))
    return Q(**{f"{through}email_domain__in": domains}) | (
        Q(**{f"{through}company_key__in": names}) & ~domain_is_a_key
    )


def organisation_of_lead() -> Coalesce:
    """The id of a lead's organisation (None when it has none), as an annotation."""
    by_domain = _keys(KeyKind.DOMAIN, value=OuterRef("email_domain"))
    by_name = _keys(KeyKind.NAME, value=OuterRef("company_key"))
    return Coalesce(
        Subquery(by_domain.values("organisation_id")[:1]),
        Subquery(by_name.values("organisation_id")[:1]),
    )
