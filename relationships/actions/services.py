"""Writes of action items: the one way to make one, and to close it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from relationships.models import ActionItem, ActionSource, ActionStatus, KeyAccount, Round


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
    if not owner.user.is_active or owner.team_id is None:
        raise ValidationError({"owner": _("Choose an active colleague from one of the teams.")})
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
    return item


@transaction.atomic
def complete_action_item(
    *, item_id: int, by: Person, now: datetime.datetime | None = None
) -> ActionItem:
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("owner__team", "key_account")
        .get(pk=item_id)
    )
    if not roles.can_complete_action(by.user, item.owner, account_team(item)):
        raise PermissionDenied
    if item.status != ActionStatus.DONE:
        item.status = ActionStatus.DONE
        item.completed_at = now or timezone.now()
        item.save(update_fields=["status", "completed_at", "updated_at"])
    return item


def account_team(item: ActionItem) -> set[int] | None:
    """The team of the key account a next step belongs to; None for other action items."""
    return item.key_account.team_ids if item.key_account_id else None
