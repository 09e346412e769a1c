from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


def _attempt(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_pages_require_login(client, db):
    response = client.get(reverse("alignment:directory"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/people/"


def test_login_with_the_right_password(client, marketer):
    response = _attempt(client, "marketer", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("dashboards:home")).status_code == 200


def test_wrong_password_gets_a_clear_message(client, marketer):
    response = _attempt(client, "marketer", "wrong")
    assert response.status_code == 200
    assert "komen niet overeen" in response.text


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, marketer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "marketer", "wrong")
    response = _attempt(client, "marketer", PASSWORD)
    assert response.status_code == 429
    assert "geblokkeerd" in response.text
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_lockout_is_per_account_not_for_everyone(client, marketer, salesperson, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "marketer", "wrong")
    assert _attempt(client, "salesperson", PASSWORD).status_code == 302


def test_logout_needs_post_and_ends_the_session(login, marketer):
    client = login(marketer)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_password_change(login, marketer):
    client = login(marketer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-pass-42",
            "new_password2": "a-brand-new-pass-42",
        },
    )
    assert response.status_code == 302
    marketer.user.refresh_from_db()
    assert marketer.user.check_password("a-brand-new-pass-42")


# One address trying many usernames (password spraying) ----------------------------------


def test_one_address_trying_many_usernames_is_locked_out(client, marketer, settings):
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        # Fewer failures per username than the account limit: no account is locked.
        assert _attempt(client, f"user{n}", "wrong").status_code == 200
    assert _attempt(client, "one-more", "wrong").status_code == 429
    response = _attempt(client, "marketer", PASSWORD)
    assert response.status_code == 429
    assert "geblokkeerd" in response.text
    assert client.get(reverse("dashboards:home")).status_code == 302
    # Another address is not affected.
    assert _attempt(Client(REMOTE_ADDR="10.1.2.3"), "marketer", PASSWORD).status_code == 302


def test_an_office_behind_one_address_has_room_for_typos(client, marketer, settings):
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        _attempt(client, f"colleague{n}", "typo")
    assert _attempt(client, "marketer", PASSWORD).status_code == 302


def test_logging_in_to_ones_own_account_does_not_clear_the_address(client, marketer, settings):
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        _attempt(client, f"user{n}", "wrong")
    assert _attempt(client, "marketer", PASSWORD).status_code == 302
    client.logout()
    _attempt(client, "another-guess", "wrong")
    assert _attempt(client, "marketer", PASSWORD).status_code == 429
