import random

import pytest

from alignment import demo
from alignment.models import Person
from tests.e2e.conftest import accessibility_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_page_has_no_serious_accessibility_problems(axe_page, live_server):
    axe_page.goto(f"{live_server.url}/accounts/login/")
    assert accessibility_violations(axe_page) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_foundation_pages_have_no_serious_accessibility_problems(axe_page, live_server, language):
    demo.seed(rng=random.Random(1))
    log_in(axe_page, live_server, "manager-sales", demo.DEMO_PASSWORD)
    if language == "en":
        axe_page.get_by_role("button", name="English").click()
    salesperson = Person.objects.get(user__username="verkoper")
    for path in ["/", "/people/", f"/people/{salesperson.pk}/", f"/people/{salesperson.pk}/edit/"]:
        axe_page.goto(live_server.url + path)
        assert accessibility_violations(axe_page) == [], path
