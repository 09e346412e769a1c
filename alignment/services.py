"""Writes for the organisation: every change to teams and people goes through here."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from alignment.models import Notification, Person, Role, Team, TeamCode

User = get_user_model()


def ensure_teams() -> dict[str, Team]:
    """The three teams exist in every installation; this makes them where missing."""
    return {code: Team.objects.get_or_create(code=code)[0] for code in TeamCode.values}


@transaction.atomic
def create_person(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: Role,
    team_code: TeamCode | None,
    password: str | None = None,
    job_title: str = "",
    phone: str = "",
    expertise: str = "",
    covers: str = "",
    is_liaison: bool = False,
    leads_all_teams: bool = False,
) -> Person:
    team = Team.objects.get_or_create(code=team_code)[0] if team_code else None
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.is_staff = user.is_superuser = role == Role.ADMIN
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    person = Person(
        user=user,
        team=team,
        role=role,
        job_title=job_title,
        phone=phone,
        expertise=expertise,
        covers=covers,
        is_liaison=is_liaison,
        leads_all_teams=leads_all_teams,
    )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def update_person(*, person: Person, user_fields: dict, person_fields: dict) -> Person:
    """Save a card. The caller has checked the editor may change each field given."""
    for name, value in user_fields.items():
        setattr(person.user, name, value)
    person.user.full_clean()
    person.user.save(update_fields=list(user_fields) or None)
    for name, value in person_fields.items():
        if name == "team" and isinstance(value, str):
            value = Team.objects.get_or_create(code=value)[0]
        setattr(person, name, value)
    person.full_clean()
    person.save()
    return person


def mark_notification_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_notifications_read(*, person: Person) -> int:
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def remember_language(*, person: Person, language: str) -> None:
    """Emails and notifications follow the language a person last chose in the app."""
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])
