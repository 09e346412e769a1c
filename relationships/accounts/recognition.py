"""Which organisations the leads show, decided without a database: the service counts the
leads per company name key, spelling and email domain, this module decides which keys make
a new organisation and which join a known one. Keys a manager merged or split are known,
so a decision of theirs is never undone.

The rules, in this order:
1. a new business email domain goes with the company name most of its leads give (more
   than half); when most give none, it makes an organisation named after the domain; a
   domain no name dominates (a university, a mail provider we do not list) is no key;
2. a new company name joins the organisation of the domain most of its leads write from
   (more than half); otherwise it makes an organisation of its own, named after its most
   common spelling.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# Addresses of private people: their domain says nothing about the company.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "hotmail.be",
        "outlook.com", "outlook.nl", "outlook.be", "live.com", "live.nl", "live.be",
        "msn.com", "icloud.com", "me.com", "mac.com", "yahoo.com", "yahoo.nl", "yahoo.fr",
        "ymail.com", "aol.com", "proton.me", "protonmail.com", "gmx.net", "gmx.de", "web.de",
        "t-online.de", "mail.com", "ziggo.nl", "kpnmail.nl", "kpnplanet.nl", "planet.nl",
        "home.nl", "xs4all.nl", "hetnet.nl", "chello.nl", "casema.nl", "upcmail.nl",
        "zeelandnet.nl", "telenet.be", "skynet.be", "proximus.be", "scarlet.be",
        "orange.fr", "wanadoo.fr", "free.fr", "btinternet.com",
    }
)  # fmt: skip

NAME, DOMAIN = "name", "domain"  # the kinds of key, as KeyKind stores them


def is_business_domain(domain: str) -> bool:
    return "." in domain and domain not in FREE_MAIL_DOMAINS


@dataclass(frozen=True)
class Group:
    """The number of leads with one company name key, spelling and email domain."""

    company_key: str
    company: str
    domain: str
    leads: int


@dataclass
class NewOrganisation:
    name: str
    keys: list[tuple[str, str]] = field(default_factory=list)  # (kind, value)


@dataclass
class Plan:
    new: list[NewOrganisation] = field(default_factory=list)
    # Keys that join a known organisation: (organisation id, kind, value).
    joins: list[tuple[int, str, str]] = field(default_factory=list)


def _majority(counts: Counter, total: int) -> str | None:
    """The value more than half of `total` have; None when there is none."""
    if not counts:
        return None
    value, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return value if count * 2 > total else None


def _spelling(spellings: Counter) -> str:
    name, _count = min(spellings.items(), key=lambda item: (-item[1], item[0]))
    return " ".join(name.split())


class _Counts:
    def __init__(self, groups: Iterable[Group]) -> None:
        self.name_leads: Counter = Counter()
        self.spellings: dict[str, Counter] = defaultdict(Counter)
        self.domains_of_name: dict[str, Counter] = defaultdict(Counter)
        self.names_of_domain: dict[str, Counter] = defaultdict(Counter)
        for group in groups:
            domain = group.domain if is_business_domain(group.domain) else ""
            if group.company_key:
                self.name_leads[group.company_key] += group.leads
                self.spellings[group.company_key][group.company] += group.leads
                if domain:
                    self.domains_of_name[group.company_key][domain] += group.leads
            if domain:
                self.names_of_domain[domain][group.company_key] += group.leads


def plan(groups: Iterable[Group], known: dict[tuple[str, str], int]) -> Plan:
    """What to create and join, given the lead counts and the known keys
    ((kind, value) → organisation id)."""
    counts = _Counts(groups)
    result = Plan()
    owner: dict[tuple[str, str], int | NewOrganisation] = dict(known)

    def assign(kind: str, value: str, organisation: int | NewOrganisation) -> None:
        owner[(kind, value)] = organisation
        if isinstance(organisation, NewOrganisation):
            organisation.keys.append((kind, value))
        else:
            result.joins.append((organisation, kind, value))

    def organisation_of_name(key: str) -> int | NewOrganisation:
        if (NAME, key) not in owner:
            new = NewOrganisation(_spelling(counts.spellings[key]))
            result.new.append(new)
            assign(NAME, key, new)
        return owner[(NAME, key)]

    for domain in sorted(counts.names_of_domain):
        if (DOMAIN, domain) in owner:
            continue
        names = counts.names_of_domain[domain]
        key = _majority(names, sum(names.values()))
        if key is None:
            continue
        if key:
            assign(DOMAIN, domain, organisation_of_name(key))
        else:
            new = NewOrganisation(domain)
            result.new.append(new)
            assign(DOMAIN, domain, new)

    for key in sorted(counts.name_leads):
        if (NAME, key) in owner:
            continue
        domain = _majority(counts.domains_of_name[key], counts.name_leads[key])
        joined = owner.get((DOMAIN, domain)) if domain else None
        if joined is None:
            organisation_of_name(key)
        else:
            assign(NAME, key, joined)
    return result
