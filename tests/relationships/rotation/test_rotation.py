"""Job rotation: proposing, deciding, the learnings, the calendar and the card."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from alignment.models import Notification
from relationships.models import Rotation, RotationStatus
from relationships.rotation import services
from tests.conftest import make_person
from tests.queries import assert_same_query_count

TODAY = timezone.localdate()
MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday())


def _propose(person, *, by=None, team="sales", start=MONDAY, days=11, buddy=None, goals="Learn"):
    return services.propose(
        person=person, host_team=team, starts_on=start,
        ends_on=start + datetime.timedelta(days=days), buddy=buddy, goals=goals, by=by or person,
    )  # fmt: skip


def _approved(person, decider, **kwargs):
    rotation = _propose(person, **kwargs)
    return services.decide(rotation_id=rotation.pk, approve=True, by=decider)


def test_a_marketer_proposes_and_a_sales_manager_approves_and_both_are_told(
    marketer, salesperson, sales_manager
):
    rotation = _propose(marketer, buddy=salesperson)
    assert rotation.status == RotationStatus.PROPOSED
    services.decide(rotation_id=rotation.pk, approve=True, by=sales_manager)
    rotation.refresh_from_db()
    assert rotation.status == RotationStatus.APPROVED
    assert rotation.decided_by == sales_manager
    told = set(Notification.objects.values_list("recipient_id", "kind"))
    assert told == {(marketer.pk, "rotation_approved"), (salesperson.pk, "rotation_buddy")}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"team": "marketing"}, "host_team"),  # their own team
        ({"days": 100}, "ends_on"),  # longer than three months
        ({"buddy": "marketer"}, "buddy"),  # the buddy is not in the host team
    ],
)
def test_a_bad_proposal_is_refused_with_the_reason_and_nothing_is_saved(marketer, change, field):
    if change.get("buddy") == "marketer":
        change = {"buddy": make_person("marketer", username="colleague")}
    with pytest.raises(ValidationError) as refused:
        _propose(marketer, **change)
    assert field in refused.value.error_dict
    assert not Rotation.objects.exists()


def test_two_rotations_of_one_person_may_not_overlap(marketer):
    _propose(marketer)
    with pytest.raises(ValidationError):
        _propose(marketer, start=MONDAY + datetime.timedelta(days=7))
    assert Rotation.objects.count() == 1


def test_only_managers_of_a_team_involved_decide_and_never_on_their_own(
    marketer, salesperson, manager, sales_manager
):
    rotation = _propose(marketer)
    for outsider in (salesperson, make_person("manager", username="service-lead",
                                                team_code="service")):  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.decide(rotation_id=rotation.pk, approve=True, by=outsider)
    own = _propose(manager, team="sales")
    with pytest.raises(PermissionDenied):
        services.decide(rotation_id=own.pk, approve=True, by=manager)
    services.decide(rotation_id=own.pk, approve=False, by=sales_manager)
    assert Rotation.objects.get(pk=own.pk).status == RotationStatus.DECLINED
    with pytest.raises(ValidationError):  # decided already
        services.decide(rotation_id=own.pk, approve=True, by=sales_manager)


def test_only_the_person_writes_learnings_once_the_rotation_has_started(
    marketer, salesperson, sales_manager
):
    later = _approved(marketer, sales_manager, start=MONDAY + datetime.timedelta(weeks=4))
    with pytest.raises(ValidationError):
        services.write_learnings(rotation_id=later.pk, text="Too early", by=marketer)
    now = _approved(make_person("marketer", username="mila"), sales_manager)
    with pytest.raises(PermissionDenied):
        services.write_learnings(rotation_id=now.pk, text="Not mine", by=salesperson)
    services.write_learnings(rotation_id=now.pk, text="  Sales calls fast.  ", by=now.person)
    now.refresh_from_db()
    assert now.learnings == "Sales calls fast."
    assert now.learnings_at is not None


def test_a_salesperson_may_not_propose_for_someone_else_but_a_manager_may(
    client, marketer, salesperson, manager
):
    with pytest.raises(PermissionDenied):
        _propose(marketer, by=salesperson)
    assert _propose(marketer, by=manager).created_by == manager
    client.force_login(salesperson.user)
    start = MONDAY + datetime.timedelta(weeks=8)
    data = {"person": marketer.pk, "host_team": "marketing", "starts_on": start,
            "ends_on": start + datetime.timedelta(days=7), "goals": "x"}  # fmt: skip
    response = client.post(reverse("relationships:rotation_new"), data)
    assert response.status_code == 200  # the form again: someone else is no choice
    assert "person" in response.context["form"].errors
    assert Rotation.objects.count() == 1


def test_the_form_shows_the_services_refusal_and_saves_nothing(client, marketer):
    client.force_login(marketer.user)
    data = {"person": marketer.pk, "host_team": "marketing", "starts_on": MONDAY,
            "ends_on": MONDAY + datetime.timedelta(days=3), "goals": "Learn"}  # fmt: skip
    response = client.post(reverse("relationships:rotation_new"), data)
    assert response.status_code == 200
    assert "host_team" in response.context["form"].errors
    assert not Rotation.objects.exists()


def test_the_card_shows_the_rotation_this_week_on_the_page_and_in_the_directory(
    client, marketer, salesperson, sales_manager
):
    _approved(marketer, sales_manager, buddy=salesperson)
    client.force_login(salesperson.user)
    for url in (reverse("alignment:person_detail", args=[marketer.pk]),
                reverse("alignment:directory")):  # fmt: skip
        page = client.get(url, headers={"accept-language": "en"}).content.decode()
        assert "with sales this week" in page
    other = client.get(reverse("alignment:person_detail", args=[salesperson.pk]))
    assert "this week" not in other.content.decode()


def test_the_directory_reads_all_rotations_at_once(client, marketer, sales_manager):
    client.force_login(marketer.user)
    url = reverse("alignment:directory")

    def grow():
        for n in range(3):
            person = make_person("marketer", username=f"m{n}")
            _approved(person, sales_manager)

    assert_same_query_count(lambda: client.get(url), grow)


def test_the_calendar_shows_the_quarter_and_moves_between_quarters(client, marketer, manager):
    _propose(marketer)
    far = _propose(
        make_person("marketer", username="mo"), start=MONDAY + datetime.timedelta(weeks=30)
    )
    client.force_login(marketer.user)
    page = client.get(reverse("relationships:rotations"))
    assert [row[0] for row in page.context["calendar"].rows] == list(
        Rotation.objects.exclude(pk=far.pk)
    )
    later = client.get(reverse("relationships:rotations"), {"day": far.starts_on.isoformat()})
    assert [row[0].pk for row in later.context["calendar"].rows] == [far.pk]
    assert client.get(reverse("relationships:rotations"), {"day": "garbage"}).status_code == 200


def test_deciding_and_learnings_through_the_pages(client, marketer, sales_manager):
    rotation = _propose(marketer)
    client.force_login(sales_manager.user)
    client.post(reverse("relationships:rotation_decide", args=[rotation.pk]), {"approve": "1"})
    client.force_login(marketer.user)
    page = client.get(reverse("relationships:rotation", args=[rotation.pk]))
    assert page.context["learnings_form"] is not None
    client.post(reverse("relationships:rotation_learnings", args=[rotation.pk]),
                {"learnings": "Customers ask about price first."})  # fmt: skip
    rotation.refresh_from_db()
    assert rotation.status == RotationStatus.APPROVED
    assert rotation.learnings == "Customers ask about price first."


def test_the_proposal_link_shows_only_to_whom_the_form_opens(client, marketer):
    admin = make_person("admin")
    new = reverse("relationships:rotation_new")
    client.force_login(admin.user)
    assert new not in client.get(reverse("relationships:rotations")).text
    assert client.get(new).status_code == 403
    client.force_login(marketer.user)
    assert new in client.get(reverse("relationships:rotations")).text
    assert client.get(new).status_code == 200
