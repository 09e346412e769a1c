"""What the two teams tell each other between meetings: field notes from sales to
marketing (what customers say, why deals are won or lost) and product updates from
marketing and product management to sales."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person
from leads.models import Campaign, Lead, Segment


class NoteKind(models.TextChoices):
    OBJECTION = "objection", _("Objection")
    COMPETITOR = "competitor", _("Competitor")
    FEATURE_REQUEST = "feature_request", _("Feature request")
    WIN_STORY = "win_story", _("Win story")
    LOST_DEAL = "lost_deal", _("Lost deal insight")
    OTHER = "other", _("Other")


class FieldNote(models.Model):
    """Something a salesperson heard in the field, for marketing; optionally about one
    lead, segment or campaign. Marketing acknowledges it or replies."""

    author = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="field_notes"
    )
    kind = models.CharField(_("type"), max_length=20, choices=NoteKind.choices)
    text = models.TextField(_("what you heard"), max_length=4000)
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="field_notes",
    )  # fmt: skip
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="field_notes",
    )  # fmt: skip
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="field_notes",
    )  # fmt: skip
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    acknowledged_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("field note")
        verbose_name_plural = _("field notes")
        indexes = [models.Index(fields=["-created_at", "-id"], name="field_note_feed")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class FieldNoteReply(models.Model):
    """Marketing's answer to a field note; its author is notified."""

    note = models.ForeignKey(FieldNote, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    text = models.TextField(_("reply"), max_length=4000)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ProductUpdate(models.Model):
    """News for sales from marketing or product management: a new feature, price or
    offer, in force from a date, for every segment or some."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what changes"), max_length=10000)
    effective_date = models.DateField(_("in force from"))
    segments = models.ManyToManyField(
        Segment, verbose_name=_("segments"), blank=True, related_name="product_updates",
        help_text=_("Leave empty when it concerns every segment."),
    )  # fmt: skip
    author = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    readers = models.ManyToManyField(Person, through="ProductUpdateRead", related_name="+")

    class Meta:
        verbose_name = _("product update")
        verbose_name_plural = _("product updates")
        indexes = [models.Index(fields=["-created_at", "-id"], name="product_update_feed")]

    def __str__(self) -> str:
        return self.title


class ProductUpdateRead(models.Model):
    """Who has read an update: unread ones are flagged for salespeople."""

    update = models.ForeignKey(ProductUpdate, on_delete=models.CASCADE, related_name="reads")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "person"], name="product_update_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} read {self.update_id}"
