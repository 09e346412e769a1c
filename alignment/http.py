from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """The request type of views that answer htmx with a partial (django-htmx sets .htmx)."""

    htmx: HtmxDetails


# Deep pages of a million-row list cost an OFFSET of that size; nobody pages that far.
MAX_PAGE = 10_000


def page_number(request: HttpRequest) -> int:
    """The ?page= of a list, as a whole number from 1 to MAX_PAGE (1 when it is not one)."""
    try:
        return max(1, min(int(request.GET.get("page", 1)), MAX_PAGE))
    except ValueError:
        return 1
