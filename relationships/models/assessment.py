"""The relationship assessment: questionnaires, rounds, invitations and answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from alignment.models import Person, Team


def _in_language(dutch: str, english: str) -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return dutch if language == "nl" else english


class Theme(models.Model):
    """A subject the statements are grouped in, e.g. joint planning."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.name_nl, self.name_en)


class Questionnaire(models.Model):
    """One version of the statements. A version in use by a round is never edited again:
    old answers keep the meaning they were given under; changes go into a new version."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("New rounds use the newest published version."),
    )
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["-version"]

    def __str__(self) -> str:
        return str(_("Questionnaire version %(version)s") % {"version": self.version})

    @property
    def is_in_use(self) -> bool:
        return self.rounds.exists()


class Statement(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="statements"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text_nl = models.TextField(_("statement (Dutch)"), max_length=300)
    text_en = models.TextField(_("statement (English)"), max_length=300)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "position"], name="statement_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"

    @property
    def text(self) -> str:
        return _in_language(self.text_nl, self.text_en)


class RoundQuerySet(models.QuerySet):
    def open(self, today=None) -> "RoundQuerySet":
        today = today or timezone.localdate()
        return self.filter(closed_at__isnull=True, open_until__gte=today)

    def closed(self, today=None) -> "RoundQuerySet":
        today = today or timezone.localdate()
        return self.filter(Q(closed_at__isnull=False) | Q(open_until__lt=today))


class Round(models.Model):
    """One measurement: invitees answer until a manager closes it or its last day passes."""

    title = models.CharField(_("title"), max_length=120)
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    open_until = models.DateField(_("open until"))
    opened_by = models.ForeignKey(
        Person, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        Person,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_at is None and self.open_until >= today

    @property
    def ended_on(self):
        """The day answering stopped: the close, or the last open day."""
        if self.closed_at is not None:
            return timezone.localdate(self.closed_at)
        return self.open_until


class Invitation(models.Model):
    """A person asked to answer a round. The team is kept as it was when they were
    invited, so a later move to another team does not shift old results."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    # When the person was last reminded to answer: a person is reminded at most once a
    # day (relationships.assessment.reminders), whoever or whatever asks.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.person}"


class Answer(models.Model):
    """One rating. Never shown per person: pages only show aggregates (see stages.visibility)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "statement"], name="answer_unique"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="answer_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        # Deliberately without the person: an answer is only ever shown as part of a sum.
        return f"{self.statement_id}: {self.rating}"
