"""The permission matrix: every URL × every persona → the expected status.

Each app lists its routes in a module of this package (tests/matrix/<app>.py) as a
ROUTES list; tests/test_permission_matrix.py runs them all and fails when any URL of the
project is missing here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ["anonymous", "marketer", "salesperson", "manager", "sales_manager", "service", "admin"]
ALL_SIGNED_IN = {p: 200 for p in PERSONAS if p != "anonymous"}
# Accounts without a person record, a plain one and a superuser: one rule for every URL
# (alignment.middleware), so a route lists them only where it differs — the public URLs
# answer them as they answer anonymous visitors, every other URL with the "ask the admin"
# page (403).
WITHOUT_PERSON = ["no_person", "superuser_no_person"]


@dataclass
class Route:
    """One URL. `path` gets the World and returns the path, making objects it needs."""

    name: str
    path: Callable[["World"], str]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[["World"], dict] | None = None
    # Anonymous visitors are sent to the login page unless the URL is public.
    public: bool = False
    headers: dict = field(default_factory=dict)
    without_person: dict[str, int] = field(default_factory=dict)

    def expected(self, persona: str) -> int:
        if persona in WITHOUT_PERSON:
            default = self.expect["anonymous"] if self.public else 403
            return self.without_person.get(persona, default)
        return self.expect[persona]


class World:
    """The personas of one matrix test, and a place for routes to keep objects they made."""

    def __init__(self, people: dict, accounts: dict | None = None):
        self.people = people
        self.accounts = accounts or {}
        self.cache: dict = {}

    def once(self, key: str, make: Callable[[], object]):
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]
