"""Fixes from the review of the assessment: loading the questionnaire when only drafts
exist, and closing a round whose last day has passed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from relationships.assessment import services
from relationships.models import Questionnaire, Round, Statement, Theme
from tests.relationships.helpers import answered_round, open_round


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


def test_a_round_past_its_last_day_cannot_be_closed_again(manager, marketer):
    round_ = open_round(manager, [marketer], days=3)
    later = timezone.now() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError, match="already closed"), translation.override("en"):
        services.close_round(round_id=round_.pk, by=manager, now=later)
    assert Round.objects.get(pk=round_.pk).closed_at is None


def test_a_round_can_be_closed_on_its_last_day(manager, marketer):
    round_ = answered_round(manager, marketer, days=3)
    last_day = timezone.now() + datetime.timedelta(days=3)
    closed = services.close_round(round_id=round_.pk, by=manager, now=last_day)
    assert closed.closed_at == last_day
