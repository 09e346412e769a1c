"""The demo's field notes, product updates and action items: enough of each, realistic,
and made once."""

import datetime

from django.db.models import Count
from django.utils import timezone

from alignment.models import Person
from relationships.actions import queries as actions
from relationships.models import ActionItem, ActionStatus, FieldNote, ProductUpdate
from relationships.updates import queries as updates
from tests.demo.conftest import seed_again


def test_forty_field_notes_over_ten_weeks_with_replies_and_acknowledgements(db):
    notes = FieldNote.objects.all()
    assert notes.count() == 40
    oldest = notes.order_by("created_at").first().created_at
    assert timezone.now() - oldest <= datetime.timedelta(weeks=10)
    assert len(set(notes.values_list("kind", flat=True))) == 6
    assert len(set(notes.values_list("author", flat=True))) >= 5
    assert notes.annotate(n=Count("replies")).filter(n__gt=0).count() >= 10
    assert 0 < notes.filter(acknowledged_at__isnull=False).count() < 40
    for tie in ("lead", "segment", "campaign"):
        assert notes.filter(**{f"{tie}__isnull": False}).exists(), tie


def test_eight_product_updates_and_the_demo_salesperson_has_unread_ones(db):
    assert ProductUpdate.objects.count() == 8
    oldest = ProductUpdate.objects.order_by("created_at").first().created_at
    assert timezone.now() - oldest <= datetime.timedelta(days=92)
    assert ProductUpdate.objects.filter(segments__isnull=False).exists()
    verkoper = Person.objects.get(user__username="verkoper")
    assert 0 < updates.unread_count(verkoper) < 8


def test_action_items_include_overdue_dropped_and_done_ones(db):
    today = timezone.localdate()
    assert any(item.overdue for item in actions.open_items(today))
    assert ActionItem.objects.filter(status=ActionStatus.DROPPED).exists()
    assert ActionItem.objects.filter(status=ActionStatus.DONE).exists()


def test_seeding_again_adds_no_notes_updates_or_items(db):
    counts = [FieldNote.objects.count(), ProductUpdate.objects.count(), ActionItem.objects.count()]
    seed_again()
    assert [
        FieldNote.objects.count(),
        ProductUpdate.objects.count(),
        ActionItem.objects.count(),
    ] == counts
