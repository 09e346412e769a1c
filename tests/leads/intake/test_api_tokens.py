"""API tokens: their expiry."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from leads.models import ApiToken

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_token_cannot_expire_in_the_past(login, manager):
    yesterday = timezone.localdate(timezone=AMSTERDAM) - datetime.timedelta(days=1)
    response = login(manager).post(
        reverse("leads:api_tokens"), {"name": "Website", "expires_at": yesterday.isoformat()}
    )
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert not ApiToken.objects.exists()


def test_a_token_works_through_its_last_day(login, manager):
    today = timezone.localdate(timezone=AMSTERDAM)
    login(manager).post(reverse("leads:api_tokens"), {"name": "Website", "expires_at": today})
    token = ApiToken.objects.get()
    assert token.is_active
    end = token.expires_at.astimezone(AMSTERDAM)
    assert (end.date(), end.hour, end.minute) == (today, 23, 59)
