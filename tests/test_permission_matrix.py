"""Every URL × every persona → expected status. Anonymous visitors go to the login page."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests.matrix
from tests.conftest import make_person
from tests.matrix import PERSONAS, WITHOUT_PERSON, Route, World


def _all_routes() -> list[Route]:
    routes = []
    for module in pkgutil.iter_modules(tests.matrix.__path__):
        routes += importlib.import_module(f"tests.matrix.{module.name}").ROUTES
    return routes


ROUTES = _all_routes()


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def test_every_url_is_in_the_matrix():
    # Django admin's own pages are covered by its index entry: they share one rule (staff).
    project_urls = {name for name in _url_names(get_resolver()) if not name.startswith("admin:")}
    listed = {route.name for route in ROUTES}
    assert project_urls - listed == set(), "URLs missing from the permission matrix"


def _cases():
    for route in ROUTES:
        for persona in PERSONAS + WITHOUT_PERSON:
            label = f"{route.method}-{route.name}-{persona}"
            yield pytest.param(route, persona, id=label)


@pytest.fixture
def world(db, django_user_model) -> World:
    people = {key: make_person(key) for key in PERSONAS if key != "anonymous"}
    accounts = {
        "no_person": django_user_model.objects.create_user("no-person"),
        "superuser_no_person": django_user_model.objects.create_superuser("root"),
    }
    return World(people, accounts)


@pytest.mark.parametrize(("route", "persona"), list(_cases()))
def test_permission_matrix(client, world: World, route: Route, persona: str):
    if persona in WITHOUT_PERSON:
        client.force_login(world.accounts[persona])
    elif persona != "anonymous":
        client.force_login(world.people[persona].user)
    path = route.path(world)
    data = route.data(world) if route.data else {}
    response = getattr(client, route.method)(path, data, headers=route.headers)

    if persona == "anonymous" and not route.public:
        assert response.status_code == 302
        assert (
            response["Location"].startswith("/accounts/login/") or "/login/" in response["Location"]
        )
    else:
        assert response.status_code == route.expected(persona), (
            f"{route.method.upper()} {path} as {persona}"
        )
