"""Role rules that the permission matrix's personas do not reach."""

import pytest
from django.urls import reverse

from alignment.models import Role, TeamCode
from tests.conftest import make_person

LEAD_PAGES = [
    "leads:lead_list",
    "leads:lead_export",
    "leads:lead_create",
    "leads:import_upload",
    "leads:segment_list",
    "leads:segment_create",
    "leads:api_tokens",
]


@pytest.fixture
def service_manager(db):
    return make_person(
        "service", username="servicelead", role=Role.MANAGER, team_code=TeamCode.SERVICE
    )


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_a_service_manager_sees_no_leads(login, service_manager, name):
    # Leads hold personal data and service has no part in the funnel, manager or not.
    assert login(service_manager).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_the_customer_director_reaches_every_lead_page(db, login, name):
    director = make_person("sales_manager", username="director", leads_all_teams=True)
    assert login(director).get(reverse(name)).status_code == 200
