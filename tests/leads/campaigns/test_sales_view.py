"""What sales sees of campaigns: leads tagged with their campaign on every intake path, the
coming campaigns (list, month calendar, home page) and the calendar feed."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from alignment import ical
from leads.models import CalendarFeed, Campaign, Lead
from tests.leads.campaigns.helpers import make_campaign
from tests.leads.helpers import make_token

TODAY = timezone.localdate()


# Intake ---------------------------------------------------------------------------------


def test_a_lead_typed_in_names_its_campaign(login, marketer):
    campaign = make_campaign(owner=marketer)
    login(marketer).post(
        reverse("leads:lead_create"),
        {"last_name": "Bos", "email": "bos@x.nl", "source_campaign": campaign.pk},
    )
    assert Lead.objects.get().source_campaign == campaign
    assert Campaign.objects.get().lead_count == 1


def test_the_api_takes_a_campaign_by_code_and_refuses_an_unknown_one(client, manager):
    campaign = make_campaign(owner=manager, code="WEB-07")
    _token, raw = make_token(by=manager)

    def post(body):
        return client.post(
            reverse("leads:api_leads"),
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )

    assert post({"email": "a@x.nl", "campaign": "web-07"}).status_code == 201
    assert Lead.objects.get().source_campaign == campaign
    refused = post({"email": "b@x.nl", "campaign": "NOPE"})
    assert refused.status_code == 400 and "campaign" in refused.json()["fields"]
    assert Lead.objects.count() == 1
    schema = client.get(reverse("leads:api_openapi")).json()
    assert "campaign" in schema["components"]["schemas"]["LeadIn"]["properties"]


def test_an_import_maps_utm_campaign_by_code_or_name_and_reports_unknown_ones(
    login, marketer, run_tasks
):
    make_campaign(owner=marketer, code="WEB-07", name="Spring webinar")
    content = b"Email,utm_campaign\na@x.nl,WEB-07\nb@x.nl,spring webinar\nc@x.nl,Unknown one\n"
    client = login(marketer)
    upload = client.post(
        reverse("leads:import_upload"),
        {"file": _file(content)},
    )
    import_job_url = upload["Location"]
    data = {"column_0": "email", "column_1": "campaign", "mode": "valid", "duplicates": "skip"}
    check = client.post(import_job_url, data | {"action": "check"})
    assert "Unknown one" in check.text
    run_tasks(lambda: client.post(import_job_url, data | {"action": "import"}))
    assert Lead.objects.filter(source_campaign__code="WEB-07").count() == 2
    assert not Lead.objects.filter(email="c@x.nl").exists()
    assert Campaign.objects.get().lead_count == 2


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("leads.csv", content, content_type="text/csv")


# Coming campaigns -----------------------------------------------------------------------


def test_coming_lists_what_runs_in_the_next_six_weeks_with_offer_and_talking_points(
    login, marketer, salesperson
):
    make_campaign(owner=marketer, code="SOON", offer="Two for one")
    make_campaign(
        owner=marketer,
        code="LATER",
        start_date=TODAY + datetime.timedelta(weeks=8),
        end_date=TODAY + datetime.timedelta(weeks=9),
    )
    make_campaign(owner=marketer, code="OFF", name="Cancelled fair", status="cancelled")
    page = login(salesperson).get(reverse("leads:campaigns_coming")).text
    assert "Two for one" in page and "Ask about planning in Excel" in page
    assert ">LATER" not in page.split('id="calendar"')[0]
    assert "Cancelled fair" not in page


def test_the_month_calendar_shows_each_day_a_campaign_runs(login, marketer, salesperson):
    first = TODAY.replace(day=1)
    make_campaign(owner=marketer, code="MONTHLY", start_date=first, end_date=first)
    page = login(salesperson).get(
        reverse("leads:campaigns_coming"), {"month": first.strftime("%Y-%m")}
    )
    assert page.text.count(">MONTHLY<") == 1
    partial = login(salesperson).get(
        reverse("leads:campaigns_coming"),
        {"month": "2001-13"},
        headers={"HX-Request": "true"},
    )
    assert partial.status_code == 200 and 'id="calendar"' in partial.text


def test_a_busy_day_names_the_first_campaigns_and_counts_the_rest(login, marketer, salesperson):
    first = TODAY.replace(day=1)
    for number in range(6):
        make_campaign(owner=marketer, code=f"BUSY-{number}", start_date=first, end_date=first)
    page = login(salesperson).get(
        reverse("leads:campaigns_coming"),
        {"month": first.strftime("%Y-%m")},
        headers={"HX-Request": "true", "Accept-Language": "en"},
    )
    shown = [code for code in (f">BUSY-{n}<" for n in range(6)) if code in page.text]
    assert len(shown) == 4
    assert "and 2 more" in page.text


def test_a_salesperson_sees_coming_campaigns_on_the_home_page(login, marketer, salesperson):
    make_campaign(owner=marketer, name="Home webinar")
    assert "Home webinar" in login(salesperson).get(reverse("dashboards:home")).text
    assert "Home webinar" not in login(marketer).get(reverse("dashboards:home")).text


# The calendar feed ----------------------------------------------------------------------


def _address(client) -> str:
    page = client.post(reverse("leads:calendar_feed"), {"action": "new"}).text
    return page.split('readonly value="')[1].split('"')[0]


def test_the_feed_carries_campaigns_to_a_calendar_without_a_login(
    client, login, marketer, salesperson
):
    make_campaign(owner=marketer, name="Webinar, with; marks", code="FEED")
    address = _address(login(salesperson))
    client.logout()
    response = client.get(address.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "SUMMARY:Webinar\\, with\\; marks (FEED)" in body
    assert "DTSTART;VALUE=DATE:" in body and body.endswith("END:VCALENDAR\r\n")


def test_a_new_address_stops_the_old_one_and_stopping_stops_it(
    client, login, marketer, salesperson
):
    make_campaign(owner=marketer)
    seller = login(salesperson)
    first = _address(seller).removeprefix("http://127.0.0.1:8000")
    second = _address(seller).removeprefix("http://127.0.0.1:8000")
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    seller.post(reverse("leads:calendar_feed"), {"action": "stop"})
    assert client.get(second).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_long_lines_fold_without_splitting_a_character():
    event = ical.Event(
        uid="x",
        start=TODAY,
        end=TODAY,
        summary="é" * 100,
        description="",
        url="https://example.com",
        stamp=timezone.now(),
    )
    for line in ical.calendar("Test", [event]).split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode().decode()  # never half a character
