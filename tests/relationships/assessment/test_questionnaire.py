"""The questionnaire is data: twenty statements in ten themes, versioned."""

from django.urls import reverse
from django.utils import translation

from relationships.assessment import queries, services
from relationships.models import Questionnaire, Statement, Theme
from tests.relationships.helpers import answer, closed_round, open_round, people


def test_first_version_has_twenty_statements_in_ten_themes_in_both_languages(db):
    questionnaire = queries.current_questionnaire()
    statements = list(questionnaire.statements.select_related("theme"))
    assert len(statements) == 20
    assert Theme.objects.count() == 10
    assert {s.theme.code for s in statements} == set(Theme.objects.values_list("code", flat=True))
    assert all(s.text_nl and s.text_en and s.text_nl != s.text_en for s in statements)


def test_statements_follow_the_language(login, manager, marketer):
    round_ = open_round(manager, [marketer])
    statement = round_.questionnaire.statements.first()
    client = login(marketer)
    assert (
        statement.text_nl
        in client.get(reverse("relationships:assessment_answer", args=[round_.pk])).text
    )
    english = client.get(
        reverse("relationships:assessment_answer", args=[round_.pk]),
        headers={"Accept-Language": "en"},
    )
    assert statement.text_en in english.text


def test_a_copy_is_a_new_unpublished_version_and_new_rounds_keep_the_published_one(
    manager, marketer
):
    original = queries.current_questionnaire()
    copy = services.copy_questionnaire(questionnaire=original)
    assert copy.version == original.version + 1
    assert not copy.is_published
    assert copy.statements.count() == 20
    Statement.objects.filter(questionnaire=copy, position=1).update(text_en="Changed")
    assert open_round(manager, [marketer]).questionnaire == original


def test_editing_a_new_version_never_changes_old_answers(manager):
    everyone = people("marketer", 3, "m")
    old_round = closed_round(manager, dict.fromkeys(everyone, 4))
    old_text = old_round.questionnaire.statements.get(position=1).text_en
    copy = services.copy_questionnaire(questionnaire=old_round.questionnaire)
    copy.statements.filter(position=1).update(text_en="A different statement")
    copy.is_published = True
    copy.save()
    new_round = open_round(manager, everyone)
    answer(new_round, everyone[0], 2)
    assert new_round.questionnaire == copy
    assert old_round.questionnaire.statements.get(position=1).text_en == old_text
    assert set(
        old_round.invitations.first().answers.values_list("statement__questionnaire", flat=True)
    ) == {old_round.questionnaire_id}


def test_admin_freezes_a_version_in_use(client, admin_person, manager, marketer):
    client.force_login(admin_person.user)
    questionnaire = queries.current_questionnaire()
    url = reverse("admin:relationships_questionnaire_change", args=[questionnaire.pk])
    assert 'name="statements-0-text_en"' in client.get(url).text
    open_round(manager, [marketer])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="statements-0-text_en"' not in page.text


def test_admin_copy_action_makes_an_editable_version(client, admin_person):
    client.force_login(admin_person.user)
    questionnaire = queries.current_questionnaire()
    client.post(
        reverse("admin:relationships_questionnaire_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [questionnaire.pk]},
    )
    assert Questionnaire.objects.filter(
        version=questionnaire.version + 1, is_published=False
    ).exists()


def test_ensure_questionnaire_reloads_version_one_into_an_empty_database(db):
    Statement.objects.all().delete()
    Questionnaire.objects.all().delete()
    Theme.objects.all().delete()
    loaded = services.ensure_questionnaire()
    assert (loaded.version, loaded.statements.count(), Theme.objects.count()) == (1, 20, 10)
    assert services.ensure_questionnaire() == loaded


def test_ensure_questionnaire_with_only_unpublished_versions_loads_nothing(db):
    Questionnaire.objects.update(is_published=False)
    versions = list(Questionnaire.objects.values_list("version", flat=True))
    assert versions
    assert services.ensure_questionnaire() is None
    assert list(Questionnaire.objects.values_list("version", flat=True)) == versions


def test_ensure_questionnaire_notes_the_first_version_in_the_active_language(db):
    Statement.objects.all().delete()
    Questionnaire.objects.all().delete()
    Theme.objects.all().delete()
    with translation.override("nl"):
        loaded = services.ensure_questionnaire()
        assert loaded.note == translation.gettext("First version") != "First version"
