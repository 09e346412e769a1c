"""Job rotation: someone works in the other team for a while, with a buddy there and goals,
and afterwards writes down what they learned, for both teams."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import Person, TeamCode


class RotationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Rotation(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("who"), on_delete=models.PROTECT, related_name="rotations"
    )
    host_team = models.CharField(_("with team"), max_length=20, choices=TeamCode.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    buddy = models.ForeignKey(
        Person, verbose_name=_("buddy in the host team"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    goals = models.TextField(_("goals"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=RotationStatus.choices, default=RotationStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    learnings = models.TextField(_("what I learned"), max_length=4000, blank=True)
    learnings_at = models.DateTimeField(_("learnings written"), null=True, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rotation")
        verbose_name_plural = _("rotations")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="rotation_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="rotation_period")]

    def __str__(self) -> str:
        return f"{self.person} → {self.host_team} ({self.starts_on}–{self.ends_on})"

    def get_absolute_url(self) -> str:
        return reverse("relationships:rotation", args=[self.pk])
