"""Action items written down by hand, given to someone else from their page, and the
comment thread with the owner told; the owner select offers a translated empty choice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from alignment.models import Notification
from relationships.actions import services
from relationships.models import ActionComment, ActionItem, ActionSource, ActionStatus
from tests.conftest import make_person
from tests.queries import assert_same_query_count

TODAY = timezone.localdate()
NEW = reverse("relationships:action_item_new")
EN = {"Accept-Language": "en"}
NL = {"Accept-Language": "nl"}


def _item(owner, by, title="Follow up", due_in=7) -> ActionItem:
    due = TODAY + datetime.timedelta(days=due_in)
    return services.create_action_item(title=title, owner=owner, due_date=due, by=by)


def _page(item) -> str:
    return reverse("relationships:action_item", args=[item.pk])


def _reassign(item) -> str:
    return reverse("relationships:action_item_reassign", args=[item.pk])


def _comment(item) -> str:
    return reverse("relationships:action_item_comment", args=[item.pk])


def _told(person, kind) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, kind=kind))


# Written down by hand --------------------------------------------------------------------


def test_a_salesperson_writes_down_an_item_for_a_marketer(login, salesperson, marketer):
    due = (TODAY + datetime.timedelta(days=5)).isoformat()
    client = login(salesperson)
    data = {"title": "Case for the ERP link", "description": "", "owner": marketer.pk}
    response = client.post(NEW, data | {"due_date": due})
    item = ActionItem.objects.get(title="Case for the ERP link")
    assert response.status_code == 302 and response.url == _page(item)
    assert (item.owner, item.created_by, item.source) == (marketer, salesperson, ActionSource.OTHER)
    assert item.status == ActionStatus.OPEN
    assert len(_told(marketer, "action_item_assigned")) == 1


def test_a_new_item_with_bad_input_is_refused_with_a_message(login, salesperson, service_agent):
    client = login(salesperson)
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    later = (TODAY + datetime.timedelta(days=3)).isoformat()
    for data, message in [
        ({"title": "X", "owner": salesperson.pk, "due_date": yesterday}, "cannot be in the past"),
        ({"title": "X", "owner": service_agent.pk, "due_date": later}, "active colleague"),
        ({"title": "", "owner": salesperson.pk, "due_date": later}, "This field is required."),
        ({"title": "X", "owner": salesperson.pk, "due_date": "31-02-2026"}, "Enter a valid date."),
    ]:
        response = client.post(NEW, data, headers=EN)
        assert response.status_code == 400, data
        assert message in response.text, data
    assert not ActionItem.objects.exists()


def test_the_service_team_does_not_write_items_down(login, service_agent, marketer):
    client = login(service_agent)
    assert client.get(NEW).status_code == 403
    due = (TODAY + datetime.timedelta(days=5)).isoformat()
    client.post(NEW, {"title": "X", "owner": marketer.pk, "due_date": due})
    assert not ActionItem.objects.exists()


def test_the_list_offers_a_new_item_to_those_who_may(login, salesperson, service_agent):
    items = reverse("relationships:action_items")
    assert NEW in login(salesperson).get(items).text
    assert NEW not in login(service_agent).get(items).text


# The owner select ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "empty"), [("nl", "Kies een eigenaar"), ("en", "Choose an owner")]
)
def test_the_owner_select_offers_a_translated_empty_choice(login, salesperson, language, empty):
    response = login(salesperson).get(NEW, headers={"Accept-Language": language})
    assert f'<option value="" selected>{empty}</option>' in response.text
    assert "Select an option" not in response.text and "---------" not in response.text


# Reassigning -----------------------------------------------------------------------------


def test_the_owner_gives_an_item_to_a_colleague_who_is_told(login, manager, salesperson, marketer):
    item = _item(salesperson, manager)
    response = login(salesperson).post(_reassign(item), {"owner": marketer.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner == marketer
    (told,) = _told(marketer, "action_item_assigned")
    with translation.override("en"):
        assert told.text.startswith(f"{salesperson.name} made you owner")


@pytest.mark.parametrize("persona", ["creator", "manager", "sales_manager"])
def test_the_creator_and_the_managers_reassign(request, login, marketer, salesperson, persona):
    creator = make_person("salesperson", username="creator")
    item = _item(marketer, creator)
    who = creator if persona == "creator" else request.getfixturevalue(persona)
    assert login(who).post(_reassign(item), {"owner": salesperson.pk}).status_code == 302
    item.refresh_from_db()
    assert item.owner == salesperson


@pytest.mark.parametrize("persona", ["salesperson", "service_agent", "admin_person"])
def test_others_may_not_reassign(request, login, manager, marketer, persona):
    item = _item(marketer, manager)
    who = request.getfixturevalue(persona)
    assert login(who).post(_reassign(item), {"owner": who.pk}).status_code == 403
    item.refresh_from_db()
    assert item.owner == marketer
    # The item's page shows no reassign form to them.
    assert _reassign(item) not in login(who).get(_page(item)).text


def test_reassigning_to_someone_outside_marketing_and_sales_is_refused(
    login, manager, marketer, service_agent
):
    item = _item(marketer, manager)
    client = login(manager)
    for owner in (service_agent.pk, "9" * 30, ""):
        response = client.post(_reassign(item), {"owner": owner}, headers=EN)
        assert response.status_code == 400
        assert "Choose an active colleague" in response.text or "required" in response.text
    item.refresh_from_db()
    assert item.owner == marketer
    assert (
        client.post(reverse("relationships:action_item_reassign", args=[999999])).status_code == 404
    )


def test_reassigning_to_the_current_owner_tells_nobody(login, manager, marketer):
    item = _item(marketer, manager)
    login(manager).post(_reassign(item), {"owner": marketer.pk})
    assert len(_told(marketer, "action_item_assigned")) == 1  # only when it was made


# Comments --------------------------------------------------------------------------------


def test_a_comment_lands_in_the_thread_and_the_owner_is_told(login, manager, salesperson):
    item = _item(salesperson, manager, "Send the case")
    response = login(manager).post(_comment(item), {"text": "  Any news?\nThe client asks.  "})
    comment = ActionComment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{_page(item)}#comment-{comment.pk}"
    assert (comment.author, comment.text) == (manager, "Any news?\nThe client asks.")
    (told,) = _told(salesperson, "action_item_comment")
    with translation.override("en"):
        assert told.text == (
            f"{manager.name} commented on your action item “Send the case”: "
            "Any news?\nThe client asks."
        )
    assert told.url == f"{_page(item)}#comment-{comment.pk}"
    page = login(salesperson).get(_page(item), headers=EN).text
    assert "Any news?<br>The client asks." in page and manager.name in page


def test_the_owner_is_not_told_of_their_own_comment(login, manager, salesperson):
    item = _item(salesperson, manager)
    login(salesperson).post(_comment(item), {"text": "Done on Friday"})
    assert ActionComment.objects.count() == 1
    assert not _told(salesperson, "action_item_comment")


def test_a_long_comment_is_quoted_shortened_in_the_notification(manager, salesperson):
    item = _item(salesperson, manager, "T")
    services.add_comment(item_id=item.pk, by=manager, text="x" * 500)
    (told,) = _told(salesperson, "action_item_comment")
    assert told.params["text"] == "x" * 119 + "…"


def test_everyone_with_a_card_comments_even_the_service_team(
    login, manager, salesperson, service_agent
):
    item = _item(salesperson, manager)
    assert login(service_agent).post(_comment(item), {"text": "Customer called"}).status_code == 302
    assert ActionComment.objects.get().author == service_agent


def test_an_empty_or_too_long_comment_is_refused(login, manager, salesperson):
    item = _item(salesperson, manager)
    client = login(manager)
    for text, message in [("   ", "This field is required."), ("y" * 2001, "at most 2000")]:
        response = client.post(_comment(item), {"text": text}, headers=EN)
        assert response.status_code == 400 and message in response.text
    assert not ActionComment.objects.exists()
    assert (
        client.post(
            reverse("relationships:action_item_comment", args=[999999]), {"text": "x"}
        ).status_code
        == 404
    )


def test_the_list_shows_how_many_comments_an_item_has(login, manager, salesperson):
    item = _item(salesperson, manager)
    for text in ("one", "two"):
        services.add_comment(item_id=item.pk, by=manager, text=text)
    page = login(salesperson).get(reverse("relationships:action_items"), headers=EN).text
    assert "2 comments" in page and _page(item) in page


def test_the_item_page_runs_the_same_number_of_queries_for_a_longer_thread(
    login, manager, salesperson
):
    item = _item(salesperson, manager)
    services.add_comment(item_id=item.pk, by=manager, text="first")
    client = login(salesperson)

    def more():
        for index in range(5):
            author = make_person("marketer", username=f"c{index}")
            services.add_comment(item_id=item.pk, by=author, text=f"c {index}")

    assert_same_query_count(lambda: client.get(_page(item)), more)


def test_the_item_page_is_in_dutch(login, manager, salesperson):
    item = _item(salesperson, manager)
    page = login(manager).get(_page(item), headers=NL).text
    assert "Opmerkingen" in page and "Anders toewijzen" in page
