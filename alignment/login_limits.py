"""Login throttling with two limits. django-axes locks a username from one address after
AXES_FAILURE_LIMIT failures; this handler also locks an address that failed
AXES_ADDRESS_FAILURE_LIMIT times, whatever the usernames, so one address cannot try a
password on thirty accounts. The address limit is higher: an office behind one address
makes typos too. Both last AXES_COOLOFF_TIME after the last failure."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class LoginLimitHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Axes locks when this reaches AXES_FAILURE_LIMIT: the username's failures from
        this address, or the limit itself once the address is over its own limit."""
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request: HttpRequest) -> int:
    """Failures from the request's address within the cool-off time, for any username. A
    successful login clears only its own username's failures, not the address's."""
    recent = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
