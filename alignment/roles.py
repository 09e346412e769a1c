"""Who may do what. Every view asks here; templates only reflect the answers.

A user without a Person profile (e.g. a superuser made with createsuperuser) counts as
an administrator when they are a superuser, and as nobody otherwise.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from alignment.models import Person, Role, Team, TeamCode


def person_of(user: AbstractBaseUser | AnonymousUser) -> Person | None:
    if not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def is_admin(user: AbstractBaseUser | AnonymousUser) -> bool:
    person = person_of(user)
    return bool(
        user.is_authenticated and (user.is_superuser or (person and person.role == Role.ADMIN))
    )


def is_manager(person: Person | None) -> bool:
    return person is not None and person.role == Role.MANAGER


def manages_team(person: Person | None, team: Team | None) -> bool:
    if not is_manager(person) or team is None:
        return False
    return person.leads_all_teams or person.team_id == team.pk


def is_on_team(person: Person | None, code: TeamCode) -> bool:
    if person is None:
        return False
    if person.leads_all_teams and code in (TeamCode.MARKETING, TeamCode.SALES):
        return True
    return person.team is not None and person.team.code == code


def can_edit_person(user: AbstractBaseUser | AnonymousUser, target: Person) -> bool:
    """Everyone edits their own card; managers edit their team's; admins edit all."""
    if is_admin(user):
        return True
    editor = person_of(user)
    if editor is None:
        return False
    return editor.pk == target.pk or manages_team(editor, target.team)


def can_edit_role(user: AbstractBaseUser | AnonymousUser, target: Person) -> bool:
    """Role, team and liaison flag are set by a manager of the team, never by oneself."""
    if is_admin(user):
        return True
    editor = person_of(user)
    return editor is not None and editor.pk != target.pk and manages_team(editor, target.team)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def assignable_roles(user: AbstractBaseUser | AnonymousUser) -> list[Role]:
    """Managers hand out team roles; only an administrator makes administrators."""
    team_roles = [Role.MARKETER, Role.SALESPERSON, Role.SERVICE, Role.MANAGER]
    return [*team_roles, Role.ADMIN] if is_admin(user) else team_roles


def assignable_teams(user: AbstractBaseUser | AnonymousUser) -> list[TeamCode]:
    if is_admin(user):
        return list(TeamCode)
    person = person_of(user)
    if person is None or not is_manager(person):
        return []
    if person.leads_all_teams:
        return list(TeamCode)
    return [TeamCode(person.team.code)] if person.team else []


def can_run_assessment(person: Person | None) -> bool:
    """Open and close relationship assessment rounds and read their results: a manager
    of marketing or of sales (or the customer director over both)."""
    if not is_manager(person):
        return False
    return is_on_team(person, TeamCode.MARKETING) or is_on_team(person, TeamCode.SALES)


def can_complete_action(person: Person | None, owner: Person) -> bool:
    """An action item is marked done by its owner, or by a manager of the owner's team."""
    if person is None:
        return False
    return person.pk == owner.pk or manages_team(person, owner.team)


# Leads and segments (leads app). Service agents have no part in the funnel and leads hold
# personal data, so they see none of it; admins configure everything.
def _role(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The role of someone in marketing or sales; None for service (managers included)."""
    person = person_of(user)
    if person is None:
        return None
    in_funnel = is_on_team(person, TeamCode.MARKETING) or is_on_team(person, TeamCode.SALES)
    return person.role if in_funnel else None


def can_view_leads(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Browse, filter, open and export leads; read segments and their profiles."""
    return is_admin(user) or _role(user) in (Role.MARKETER, Role.SALESPERSON, Role.MANAGER)


def can_manage_segments(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Marketing describes the ideal customer; managers of either team may correct it."""
    return is_admin(user) or _role(user) in (Role.MARKETER, Role.MANAGER)


def can_create_leads(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Add leads by form or CSV import: marketing owns the top of the funnel."""
    return is_admin(user) or _role(user) in (Role.MARKETER, Role.MANAGER)


def can_manage_api_tokens(user: AbstractBaseUser | AnonymousUser) -> bool:
    return is_admin(user) or _role(user) == Role.MANAGER


# The lifecycle and the handoff agreement (leads app). The stage rules themselves are in
# leads/transitions.py; these decide who reaches which page and action.
def _manager_of(person: Person | None, code: TeamCode) -> bool:
    return is_manager(person) and is_on_team(person, code)


def can_hand_off(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Hand qualified leads to sales, and decide on rejected ones: marketing's part."""
    person = person_of(user)
    return _role(user) == Role.MARKETER or _manager_of(person, TeamCode.MARKETING)


def can_view_queue(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The sales queue: salespeople work their own, managers look at the team's."""
    return _role(user) in (Role.SALESPERSON, Role.MANAGER)


def can_reassign(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Give a handed-off lead to another salesperson: a sales manager (or the director)."""
    return _manager_of(person_of(user), TeamCode.SALES)


def can_edit_agreement(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Draft a new version of the handoff agreement: a manager of marketing or of sales."""
    person = person_of(user)
    return _manager_of(person, TeamCode.MARKETING) or _manager_of(person, TeamCode.SALES)


def can_approve_agreement(person: Person | None, team: str) -> bool:
    """Approve an agreement version on behalf of `team`: only a manager of that team."""
    return team in (TeamCode.MARKETING, TeamCode.SALES) and _manager_of(person, TeamCode(team))


def approvable_teams(person: Person | None) -> list[TeamCode]:
    return [code for code in (TeamCode.MARKETING, TeamCode.SALES) if _manager_of(person, code)]
