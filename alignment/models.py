"""The organisation: teams and the people in them, with their role."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alignment.notification_texts import render_text
from alignment.photos import validate_photo


class TeamCode(models.TextChoices):
    MARKETING = "marketing", _("Marketing")
    SALES = "sales", _("Sales")
    SERVICE = "service", _("Service")


class Role(models.TextChoices):
    MARKETER = "marketer", _("Marketer")
    SALESPERSON = "salesperson", _("Salesperson")
    SERVICE = "service", _("Service agent")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Administrator")


# The team a role belongs in; managers and admins may sit in any team.
TEAM_OF_ROLE = {
    Role.MARKETER: TeamCode.MARKETING,
    Role.SALESPERSON: TeamCode.SALES,
    Role.SERVICE: TeamCode.SERVICE,
}


class QueueView(models.TextChoices):
    """How someone reads the sales queue: large cards, or a compact table."""

    CARDS = "cards", _("Cards")
    TABLE = "table", _("Table")


class Team(models.Model):
    code = models.CharField(_("team"), max_length=20, choices=TeamCode.choices, unique=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Person(models.Model):
    """A user's profile: where they sit, what they do and how to reach them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="person",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    leads_all_teams = models.BooleanField(
        _("customer director"),
        default=False,
        help_text=_("A manager who leads marketing and sales together."),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    expertise = models.CharField(
        _("expertise"),
        max_length=300,
        blank=True,
        help_text=_("What colleagues can ask you about, e.g. pricing, manufacturing, tenders."),
    )
    covers = models.CharField(
        _("segments and key accounts"),
        max_length=300,
        blank=True,
        help_text=_("The market segments and key accounts you look after."),
    )
    is_liaison = models.BooleanField(
        _("liaison"),
        default=False,
        help_text=_("Connects marketing and sales: the first person to ask across teams."),
    )
    photo = models.ImageField(
        _("photo"), upload_to="people/", blank=True, validators=[validate_photo]
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the emails and notifications this person gets."),
    )
    # Remembered from the queue page's switch, so the queue opens as they left it.
    queue_view = models.CharField(
        _("queue view"), max_length=8, choices=QueueView.choices, default=QueueView.CARDS
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["user__first_name", "user__last_name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alignment:person_detail", args=[self.pk])

    def clean(self) -> None:
        expected = TEAM_OF_ROLE.get(self.role)
        if expected and (self.team is None or self.team.code != expected):
            raise ValidationError(
                {
                    "team": _("A %(role)s belongs in the %(team)s team.")
                    % {"role": self.get_role_display().lower(), "team": expected.label.lower()}
                }
            )
        if self.role == Role.MANAGER and self.team is None:
            raise ValidationError({"team": _("A manager leads a team: choose one.")})

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def initials(self) -> str:
        parts = [self.user.first_name[:1], self.user.last_name[:1]]
        return "".join(parts).upper() or self.user.get_username()[:2].upper()

    @property
    def email(self) -> str:
        return self.user.email


class Notification(models.Model):
    """Something a person should know about, shown in the header until they read it.

    The text is not stored: `kind` names a translatable sentence registered in
    alignment.notification_texts and `params` fills it, so each reader sees it in their language.
    """

    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="unread_by_recipient",
                condition=models.Q(read_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return render_text(self.kind, self.params)
