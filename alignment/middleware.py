"""Every page of the app is about the organisation, so a signed-in user without a person
record (an account made in the Django admin and not yet given a card) sees only a page
that says to ask the admin. The public pages (login, health, the API, the language
switch), logging out and the Django admin, which checks its own rights, stay open."""

import logging

from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from psycopg.errors import QueryCanceled

from alignment import roles

logger = logging.getLogger(__name__)

OPEN_TO_EVERY_ACCOUNT = {"logout"}


class PersonRequiredMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or roles.person_of(request.user) is not None:
            return None
        match = request.resolver_match
        if (
            not getattr(view_func, "login_required", True)
            or match.namespace == "admin"
            or match.url_name in OPEN_TO_EVERY_ACCOUNT
        ):
            return None
        return render(request, "alignment/no_person.html", status=403)


class TooSlowMiddleware:
    """A query stopped by the statement timeout (alignment/db.py) gives the user a page
    that says so, and the log the statement that took too long."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with connection.execute_wrapper(_name_the_slow_statement):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(getattr(exception, "__cause__", None), QueryCanceled):
            return None
        return render(request, "too_slow.html", status=503)


def _name_the_slow_statement(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            logger.error("Statement stopped after the statement timeout: %s", sql)
        raise
