"""Which organisation a lead belongs to, defined once and written twice: as a filter for
the leads of given organisations (their keys as literal values, so PostgreSQL finds the
leads through the indexes on company_key and email_domain), and as a lookup of the
organisation of a lead's email domain and company name key (for sums per organisation,
which the database groups by domain and name first). test_organisations.py keeps the two
equal.

The email domain decides first: an address at vandijkmetaal.nl is Van Dijk Metaal's,
whatever company name was typed. A lead whose domain is no organisation's (a free-mail
address, or a domain no one recognised) belongs to the organisation of its company name.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q

from relationships.models import KeyKind, OrganisationKey


def leads_of(keys: Iterable[OrganisationKey], through: str = "") -> Q:
    """The leads of the organisations these keys are of, as a filter on Lead (or, with
    `through`, on a model that points at the lead: through="lead__" filters lead events).
    Pass every key of each organisation meant (prefetched, or from keys_of)."""
    keys = list(keys)
    domains = [key.value for key in keys if key.kind == KeyKind.DOMAIN]
    names = [key.value for key in keys if key.kind == KeyKind.NAME]
    domain_keyed = OrganisationKey.objects.filter(
        kind=KeyKind.DOMAIN, value=OuterRef(f"{through}email_domain")
    )
    by_domain = Q(**{f"{through}email_domain__in": domains})
    by_name = Q(**{f"{through}company_key__in": names}) & ~Exists(domain_keyed)
    return by_domain | by_name


def keys_of(organisation_ids: Iterable[int]) -> list[OrganisationKey]:
    return list(OrganisationKey.objects.filter(organisation_id__in=list(organisation_ids)))


class KeyMap:
    """The organisations of email domains and company name keys."""

    def __init__(self, keys: Iterable[OrganisationKey]) -> None:
        self.domains: dict[str, int] = {}
        self.names: dict[str, int] = {}
        for key in keys:
            known = self.domains if key.kind == KeyKind.DOMAIN else self.names
            known[key.value] = key.organisation_id

    def organisation_of(self, email_domain: str, company_key: str) -> int | None:
        """The organisation of a lead with this domain and name key (None: none)."""
        return self.domains.get(email_domain) or self.names.get(company_key)


def key_map(pairs: Iterable[tuple[str, str]]) -> KeyMap:
    """The KeyMap of the keys among these (email domain, company name key) pairs: one
    query, for the values asked only."""
    pairs = list(pairs)
    domains = {domain for domain, _name in pairs}
    names = {name for _domain, name in pairs if name}
    found = OrganisationKey.objects.filter(
        Q(kind=KeyKind.DOMAIN, value__in=domains) | Q(kind=KeyKind.NAME, value__in=names)
    )
    # Named rows, not model instances: a few thousand keys, a third of the time.
    return KeyMap(found.values_list("kind", "value", "organisation_id", named=True))
