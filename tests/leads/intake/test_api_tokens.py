"""API tokens: their expiry, and who revokes them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from leads.intake import services as intake
from leads.models import ApiToken
from tests.leads.helpers import make_token

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


def test_only_the_tokens_owner_or_an_admin_revokes_it(login, manager, sales_manager, admin_person):
    token, _raw = make_token(by=manager)
    revoke = reverse("leads:api_token_revoke", args=[token.pk])
    client = login(sales_manager)
    assert client.get(revoke).status_code == 403
    assert client.post(revoke).status_code == 403
    assert revoke not in client.get(reverse("leads:api_tokens")).text
    with pytest.raises(PermissionDenied):
        intake.revoke_api_token(token=token, by=sales_manager)
    token.refresh_from_db()
    assert token.is_active

    assert revoke in login(manager).get(reverse("leads:api_tokens")).text
    assert login(admin_person).post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_whose_maker_is_gone_is_revoked_by_an_admin(manager, admin_person):
    token, _raw = make_token(by=manager)
    manager.user.delete()
    token.refresh_from_db()
    assert token.created_by is None
    intake.revoke_api_token(token=token, by=admin_person)
    assert not ApiToken.objects.get().is_active
