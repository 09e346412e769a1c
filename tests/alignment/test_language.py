from django.urls import reverse


def test_dutch_is_the_default(login, marketer):
    response = login(marketer).get(reverse("alignment:directory"))
    assert response["Content-Language"] == "nl"
    assert "Wie is wie" in response.text


def test_switching_to_english_sticks_for_later_pages(login, marketer):
    client = login(marketer)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/people/"})
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    page = client.get(reverse("alignment:directory"))
    assert page["Content-Language"] == "en"
    assert "Who is who" in page.text
    assert "Wie is wie" not in page.text


def test_switching_back_to_dutch(login, marketer):
    client = login(marketer)
    client.post(reverse("set_language"), {"language": "en"})
    client.post(reverse("set_language"), {"language": "nl"})
    assert client.get(reverse("dashboards:home"))["Content-Language"] == "nl"


def test_unknown_language_is_ignored(login, marketer):
    client = login(marketer)
    client.post(reverse("set_language"), {"language": "xx"})
    assert client.get(reverse("dashboards:home"))["Content-Language"] == "nl"


def test_login_page_can_switch_language_before_signing_in(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    page = client.get(reverse("login"))
    assert "Log in to Alignment" in page.text
