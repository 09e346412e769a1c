"""Action items: concrete, owned steps with a due date, from the assessment's playbook,
the weekly meeting or typed in by hand."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from relationships.models.accounts import KeyAccount
from relationships.models.assessment import Round


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionSource(models.TextChoices):
    PLAYBOOK = "playbook", _("Assessment playbook")
    MEETING = "meeting", _("Weekly meeting")
    KEY_ACCOUNT = "key_account", _("Key account")
    OTHER = "other", _("Other")


class ActionItem(models.Model):
    """A concrete, owned step with a due date. Made from the playbook here; the weekly
    meeting reuses it for the actions it decides."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="action_items"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        Person, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ActionSource.choices, default=ActionSource.OTHER
    )
    source_round = models.ForeignKey(
        Round,
        verbose_name=_("assessment round"),
        on_delete=models.SET_NULL,
        related_name="action_items",
        null=True,
        blank=True,
    )
    # A next step in a key account's plan.
    key_account = models.ForeignKey(
        KeyAccount, verbose_name=_("key account"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="next_steps",
    )  # fmt: skip
    playbook_step = models.SlugField(_("playbook step"), max_length=60, blank=True)
    # When it was closed (done or dropped); empty while open.
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # The due date its owner was reminded of, so the daily reminder goes once per due
    # date (and again when the date is moved).
    reminded_for = models.DateField(_("reminded for"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        constraints = [
            # One click, one action: a recommendation becomes at most one item per round.
            models.UniqueConstraint(
                fields=["source_round", "playbook_step"],
                condition=~Q(playbook_step=""),
                name="action_item_once_per_step_and_round",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="action_item_open_idx")]

    def __str__(self) -> str:
        return self.title


class ActionComment(models.Model):
    """A remark in an action item's thread: progress, a question, why it is late."""

    item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE,
        related_name="comments",
    )  # fmt: skip
    author = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on an action item")
        verbose_name_plural = _("comments on action items")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
