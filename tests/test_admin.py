"""The admin only reads what the app's services must change: a change there would skip the
timeline, the SLA clocks, the rescoring or the approvals."""

import pytest
from django.urls import reverse

from leads.models import Lead, Segment, Stage
from tests.leads.helpers import make_lead, make_segment


@pytest.mark.parametrize("model", [Lead, Segment])
def test_leads_and_segments_are_read_only_in_the_admin(login, admin_person, marketer, model):
    obj = make_lead() if model is Lead else make_segment(by=marketer)
    client = login(admin_person)
    info = model._meta.app_label, model._meta.model_name
    url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    response = client.post(url, {"stage": Stage.WON, "name": "Changed"})
    assert response.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, "stage", Stage.NEW) == Stage.NEW
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 403
