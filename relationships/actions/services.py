"""Writes of action items: the one way to make one, change it and close it, and the
daily reminder of the items due tomorrow. Owners are told when an item becomes theirs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from alignment.notifications import notify
from relationships.models import (
    ActionComment,
    ActionItem,
    ActionSource,
    ActionStatus,
    KeyAccount,
    Round,
)

REMINDER_BATCH = 500
# How much of a comment its notification quotes.
COMMENT_QUOTE = 120


def _require_owner(owner: Person) -> None:
    if not roles.action_owners().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Choose an active colleague from marketing or sales.")})


def _my_items_url(item: ActionItem) -> str:
    return reverse("relationships:my_action_items") + f"#action-{item.pk}"


def _item_url(item: ActionItem) -> str:
    return reverse("relationships:action_item", args=[item.pk])


def _tell_owner(item: ActionItem, by: Person) -> None:
    """Nobody is told about what they did themselves."""
    if item.owner_id != by.pk:
        notify(
            recipients=[item.owner],
            kind="action_item_assigned",
            params={"person": by.name, "title": item.title},
            url=_my_items_url(item),
        )


@transaction.atomic
def create_action_item(
    *,
    title: str,
    owner: Person,
    due_date: datetime.date,
    by: Person,
    description: str = "",
    source: ActionSource = ActionSource.OTHER,
    source_round: Round | None = None,
    playbook_step: str = "",
    key_account: KeyAccount | None = None,
    today: datetime.date | None = None,
) -> ActionItem:
    """The one way to make an action item; the weekly meeting and the key accounts (for
    their next steps) call it too."""
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    _require_owner(owner)
    item = ActionItem(
        title=title,
        description=description,
        owner=owner,
        due_date=due_date,
        created_by=by,
        source=source,
        source_round=source_round,
        playbook_step=playbook_step,
        key_account=key_account,
    )
    item.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError(
            _("This recommendation is already an action item for this round.")
        ) from None
    _tell_owner(item, by)
    return item


def _locked(item_id: int, by: Person) -> ActionItem:
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("owner__team", "created_by", "key_account")
        .get(pk=item_id)
    )
    roles.require(may_edit(by.user, item))
    return item


def may_edit(user, item: ActionItem) -> bool:
    """The one rule for an item, a key account's next step included."""
    return roles.can_edit_action(
        user, owner=item.owner, creator=item.created_by, account_team=account_team(item)
    )


def _set_status(item: ActionItem, status: str, now: datetime.datetime) -> None:
    """completed_at is when the item was closed (done or dropped); reopening clears it."""
    if status == item.status:
        return
    item.status = status
    item.completed_at = None if status == ActionStatus.OPEN else now


@transaction.atomic
def update_action_item(
    *,
    item_id: int,
    by: Person,
    title: str,
    description: str,
    owner: Person,
    due_date: datetime.date,
    status: str,
    now: datetime.datetime | None = None,
) -> ActionItem:
    """Change an item from its edit page. A new owner is told; a due date may stay where
    it was, even in the past, but is not moved into the past."""
    now = now or timezone.now()
    item = _locked(item_id, by)
    if due_date != item.due_date and due_date < timezone.localdate(now):
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    reassigned = owner.pk != item.owner_id
    if reassigned:
        _require_owner(owner)
    item.title, item.description = title, description
    item.owner, item.due_date = owner, due_date
    _set_status(item, status, now)
    item.full_clean(validate_constraints=False)
    item.save()
    if reassigned:
        _tell_owner(item, by)
    return item


@transaction.atomic
def reassign_action_item(*, item_id: int, to: Person, by: Person) -> ActionItem:
    """Give an item to someone else (by whoever may edit it); the new owner is told.
    Giving it to its current owner changes nothing."""
    item = _locked(item_id, by)
    if to.pk == item.owner_id:
        return item
    _require_owner(to)
    item.owner = to
    item.save(update_fields=["owner", "updated_at"])
    _tell_owner(item, by)
    return item


@transaction.atomic
def add_comment(*, item_id: int, by: Person, text: str) -> ActionComment:
    """A comment in an item's thread, from anyone who may comment; the owner is told,
    unless they wrote it."""
    roles.require(roles.can_comment_on_action(by.user))
    item = ActionItem.objects.select_related("owner").get(pk=item_id)
    comment = ActionComment(item=item, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    if item.owner_id != by.pk:
        quote = Truncator(comment.text).chars(COMMENT_QUOTE)
        notify(
            recipients=[item.owner],
            kind="action_item_comment",
            params={"person": by.name, "title": item.title, "text": quote},
            url=_item_url(item) + f"#comment-{comment.pk}",
        )
    return comment


@transaction.atomic
def complete_action_item(
    *, item_id: int, by: Person, now: datetime.datetime | None = None
) -> ActionItem:
    item = _locked(item_id, by)
    if item.status != ActionStatus.DONE:
        _set_status(item, ActionStatus.DONE, now or timezone.now())
        item.save(update_fields=["status", "completed_at", "updated_at"])
    return item


def remind_due_items(*, today: datetime.date | None = None, batch: int = REMINDER_BATCH) -> int:
    """Tell the owner of every open item due tomorrow, once per item and due date (an
    item whose date moves is reminded again for the new date). Runs every morning
    (relationships.tasks.remind_due_action_items); running it twice reminds nobody twice."""
    today = today or timezone.localdate()
    total = 0
    while True:
        reminded = _remind_batch(tomorrow=today + datetime.timedelta(days=1), batch=batch)
        total += reminded
        if reminded < batch:
            return total


@transaction.atomic(durable=True)
def _remind_batch(*, tomorrow: datetime.date, batch: int) -> int:
    # A concurrent run skips the rows this one holds; it reminds the others.
    items = list(
        ActionItem.objects.filter(status=ActionStatus.OPEN, due_date=tomorrow)
        .exclude(reminded_for=tomorrow)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("owner__user")
        .order_by("pk")[:batch]
    )
    if not items:
        return 0
    ActionItem.objects.filter(pk__in=[item.pk for item in items]).update(reminded_for=tomorrow)
    for item in items:
        notify(
            recipients=[item.owner],
            kind="action_item_due",
            params={"title": item.title},
            url=_my_items_url(item),
        )
    return len(items)


def account_team(item: ActionItem) -> set[int] | None:
    """The team of the key account a next step belongs to; None for other action items."""
    return item.key_account.team_ids if item.key_account_id else None
