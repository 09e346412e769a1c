"""The permission matrix: every URL × every persona → the expected status.

Each app lists its routes in a module of this package (tests/matrix/<app>.py) as a
ROUTES list; tests/test_permission_matrix.py runs them all and fails when any URL of the
project is missing here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ["anonymous", "marketer", "salesperson", "manager", "sales_manager", "service", "admin"]
ALL_SIGNED_IN = {p: 200 for p in PERSONAS if p != "anonymous"}


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


class World:
    """The personas of one matrix test, and a place for routes to keep objects they made."""

    def __init__(self, people: dict):
        self.people = people
        self.cache: dict = {}

    def once(self, key: str, make: Callable[[], object]):
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]
