"""Writes for the organisation: every change to teams and people goes through here."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from alignment import roles
from alignment.models import Notification, Person, Role, Team, TeamCode
from alignment.photos import delete_after_commit

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


# What a card holds, by who may change it: its owner and those above them change the card
# and the user's name and email; only those above set the role, team and liaison flag.
CARD_FIELDS = {"job_title", "phone", "expertise", "covers", "photo"}
USER_FIELDS = {"first_name", "last_name", "email"}
ROLE_FIELDS = {"role", "team", "is_liaison"}


@transaction.atomic
def update_person(*, person: Person, by: Person, user_fields: dict, person_fields: dict) -> Person:
    """Save a card, if `by` may change every field given (PermissionDenied otherwise)."""
    _check_card_change(person, by=by, user_fields=user_fields, person_fields=person_fields)
    changed = list(user_fields)
    for name, value in user_fields.items():
        setattr(person.user, name, value)
    role = person_fields.get("role", person.role)
    if (role == Role.ADMIN) != (person.role == Role.ADMIN):
        # The role decides: someone made or demoted administrator here gains or loses the
        # Django admin with it.
        person.user.is_staff = person.user.is_superuser = role == Role.ADMIN
        changed += ["is_staff", "is_superuser"]
    person.user.full_clean()
    person.user.save(update_fields=changed or None)
    old_photo = person.photo.name
    for name, value in person_fields.items():
        if name == "team" and isinstance(value, str):
            value = Team.objects.get_or_create(code=value)[0]
        setattr(person, name, value)
    person.full_clean()
    person.save()
    if old_photo != person.photo.name:  # replaced or removed
        delete_after_commit(person.photo.storage, old_photo)
    return person


def _check_card_change(person: Person, *, by: Person, user_fields: dict, person_fields: dict):
    unknown = set(user_fields) - USER_FIELDS | set(person_fields) - CARD_FIELDS - ROLE_FIELDS
    if unknown:
        raise ValueError(f"not fields of a card: {sorted(unknown)}")
    roles.require(roles.can_edit_person(by.user, person))
    if not ROLE_FIELDS & set(person_fields):
        return
    roles.require(roles.can_edit_role(by.user, person))
    if "role" in person_fields:
        roles.require(person_fields["role"] in roles.assignable_roles(by.user))
    if "team" in person_fields:
        team = person_fields["team"]
        code = team.code if isinstance(team, Team) else team
        roles.require(code in roles.assignable_teams(by.user))


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
