from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """The request type of views that answer htmx with a partial (django-htmx sets .htmx)."""

    htmx: HtmxDetails


def template_for(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The page's template, or its named partial when htmx asks for a part of the page."""
    return f"{template}#{partial}" if request.htmx else template
