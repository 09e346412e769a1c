"""A signed-in user without a person record (an account made in the Django admin and not
yet given a card) sees only a page that says to ask the admin."""

import pytest
from django.urls import reverse

from tests.conftest import make_person

PAGES = [
    ("dashboards:home", []),
    ("alignment:directory", []),
    ("alignment:notification_list", []),
    ("leads:lead_list", []),
    ("leads:agreement", []),
    ("relationships:assessment", []),
    ("relationships:action_items", []),
    ("password_change", []),
]


@pytest.fixture
def colleague(db):
    return make_person("salesperson", phone="+31 6 5555 1234")


@pytest.fixture
def stranger(client, django_user_model):
    user = django_user_model.objects.create_user("stranger", "stranger@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_without_a_person_record_every_page_says_to_ask_the_admin(stranger, colleague, name, args):
    response = stranger.get(reverse(name, args=args), headers={"Accept-Language": "en"})
    assert response.status_code == 403
    assert "Ask an administrator" in response.text
    assert colleague.email not in response.text
    assert colleague.phone not in response.text


def test_nor_anyones_card(stranger, colleague):
    response = stranger.get(reverse("alignment:person_detail", args=[colleague.pk]))
    assert response.status_code == 403
    assert colleague.email not in response.text


def test_they_can_still_log_out(stranger):
    assert stranger.post(reverse("logout")).status_code == 302
    assert stranger.get(reverse("alignment:directory")).status_code == 302  # to the login


def test_a_superuser_without_a_person_record_still_uses_the_django_admin(
    client, django_user_model, colleague
):
    boss = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(boss)
    assert client.get(reverse("admin:index")).status_code == 200
    page = client.get(reverse("alignment:directory"))
    assert page.status_code == 403
    assert colleague.email not in page.text
    assert reverse("admin:alignment_person_add") in page.text
