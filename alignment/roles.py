"""Who may do what, and who belongs where. Every view and service asks here; templates
only reflect the answers.

Every predicate takes the signed-in user (`request.user`, or `person.user` in a service)
first. A user without a Person profile (e.g. a superuser made with createsuperuser) counts
as an administrator when they are a superuser, and as nobody otherwise; such a user only
reaches the Django admin and a page that says to ask the admin
(alignment.middleware.PersonRequiredMiddleware).

The queryset helpers at the end (the salespeople, the sales managers, …) are the same
rules read as a list of people.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from alignment.models import Person, Role, Team, TeamCode

User = AbstractBaseUser | AnonymousUser
FUNNEL_TEAMS = (TeamCode.MARKETING, TeamCode.SALES)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# Who someone is ------------------------------------------------------------------------


def person_of(user: User) -> Person | None:
    if not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def is_admin(user: User) -> bool:
    person = person_of(user)
    return bool(
        user.is_authenticated and (user.is_superuser or (person and person.role == Role.ADMIN))
    )


def is_manager(user: User) -> bool:
    person = person_of(user)
    return person is not None and person.role == Role.MANAGER


def is_on_team(user: User, code: TeamCode) -> bool:
    """Sits in the team; the customer director counts as a member of marketing and sales."""
    person = person_of(user)
    if person is None:
        return False
    if person.leads_all_teams and code in FUNNEL_TEAMS:
        return True
    return person.team is not None and person.team.code == code


def manages_team(user: User, team: Team | None) -> bool:
    person = person_of(user)
    if not is_manager(user) or team is None:
        return False
    return person.leads_all_teams or person.team_id == team.pk


def home_team(user: User) -> str | None:
    """ "marketing" or "sales" for someone in one of them; None for the customer director
    (both), service and people without a team."""
    person = person_of(user)
    if person is None or person.leads_all_teams or person.team is None:
        return None
    return person.team.code if person.team.code in FUNNEL_TEAMS else None


def is_manager_of(user: User, code: TeamCode) -> bool:
    return is_manager(user) and is_on_team(user, code)


def _funnel_role(user: User) -> str | None:
    """The role of someone in marketing or sales; None for service (managers included)."""
    in_funnel = any(is_on_team(user, code) for code in FUNNEL_TEAMS)
    return person_of(user).role if in_funnel else None


def acts_for_marketing(user: User) -> bool:
    """A marketer, or a manager of marketing: marketing's part of the lifecycle."""
    return _funnel_role(user) == Role.MARKETER or is_manager_of(user, TeamCode.MARKETING)


def is_sales_manager(user: User) -> bool:
    return is_manager_of(user, TeamCode.SALES)


def works_in_sales(user: User) -> bool:
    """A salesperson or a sales manager: someone who can own and work a lead."""
    return _funnel_role(user) == Role.SALESPERSON or is_sales_manager(user)


# The organisation ----------------------------------------------------------------------


# How high someone stands: a card is changed by its owner or by someone above them.
TEAM_MEMBER, MANAGER, DIRECTOR, ADMIN = range(4)


def rank_of(person: Person) -> int:
    if person.role == Role.ADMIN:
        return ADMIN
    if person.role == Role.MANAGER:
        return DIRECTOR if person.leads_all_teams else MANAGER
    return TEAM_MEMBER


def _rank(user: User) -> int:
    if is_admin(user):
        return ADMIN
    person = person_of(user)
    return rank_of(person) if person else -1


def can_edit_person(user: User, target: Person) -> bool:
    """Everyone edits their own card; a manager the cards of their team below them (so
    not another manager's); the customer director those of every manager; admins all."""
    if is_admin(user):
        return True
    editor = person_of(user)
    if editor is None:
        return False
    if editor.pk == target.pk:
        return True
    return manages_team(user, target.team) and _rank(user) > rank_of(target)


def can_edit_role(user: User, target: Person) -> bool:
    """Role, team and liaison flag are set by someone above the person, never by oneself."""
    if is_admin(user):
        return True
    editor = person_of(user)
    return editor is not None and editor.pk != target.pk and can_edit_person(user, target)


def assignable_roles(user: User) -> list[Role]:
    """The roles below one's own: nobody raises someone to their own level or above. The
    administrators, at the top, appoint each other (the Django admin can, too)."""
    if is_admin(user):
        return list(Role)
    below = {Role.MARKETER, Role.SALESPERSON, Role.SERVICE}
    if _rank(user) == DIRECTOR:
        below.add(Role.MANAGER)
    return [role for role in Role if role in below]


def assignable_teams(user: User) -> list[TeamCode]:
    if is_admin(user):
        return list(TeamCode)
    person = person_of(user)
    if person is None or not is_manager(user):
        return []
    if person.leads_all_teams:
        return list(TeamCode)
    return [TeamCode(person.team.code)] if person.team else []


# Leads and segments. Service agents have no part in the funnel and leads hold personal
# data, so they see none of it; admins configure everything.


def can_view_leads(user: User) -> bool:
    """Browse, filter, open and export leads; read segments and their profiles."""
    return is_admin(user) or _funnel_role(user) in (Role.MARKETER, Role.SALESPERSON, Role.MANAGER)


def can_manage_segments(user: User) -> bool:
    """Marketing describes the ideal customer; managers of either team may correct it."""
    return is_admin(user) or _funnel_role(user) in (Role.MARKETER, Role.MANAGER)


def can_create_leads(user: User) -> bool:
    """Add leads by form or CSV import: marketing owns the top of the funnel."""
    return is_admin(user) or _funnel_role(user) in (Role.MARKETER, Role.MANAGER)


def can_edit_lead(user: User, *, handed_off: bool, owner_id: int | None) -> bool:
    """Correct a lead's data. Before the handoff (and after a rejection) it is marketing's:
    whoever may add leads. Once sales has it: the salesperson who owns it, or a sales
    manager."""
    if not handed_off:
        return can_create_leads(user)
    person = person_of(user)
    owns = person is not None and owner_id is not None and person.pk == owner_id
    return (owns and works_in_sales(user)) or is_sales_manager(user)


def can_manage_api_tokens(user: User) -> bool:
    return is_admin(user) or _funnel_role(user) == Role.MANAGER


def can_revoke_api_token(user: User, owner: Person | None) -> bool:
    """A token belongs to the manager who made it: they revoke it, or an admin (also when
    its maker has left)."""
    if is_admin(user):
        return True
    return can_manage_api_tokens(user) and owner is not None and owner == person_of(user)


# The lifecycle and the handoff agreement. The stage rules themselves are in
# leads/handoff/transitions.py; these decide who reaches which page and action.


def can_hand_off(user: User) -> bool:
    """Hand qualified leads to sales, and decide on rejected ones: marketing's part."""
    return acts_for_marketing(user)


def can_view_queue(user: User) -> bool:
    """The sales queue is sales' work list: salespeople work their own, sales managers
    (and the customer director) the team's. Marketing follows its leads on the lead
    pages, not in the queue."""
    return works_in_sales(user)


def sees_whole_queue(user: User) -> bool:
    """Sales managers read the team's queue (and anyone's in it); others only their own."""
    return is_sales_manager(user)


def can_reassign(user: User) -> bool:
    """Give a handed-off lead to another salesperson: a sales manager (or the director)."""
    return is_sales_manager(user)


def can_edit_agreement(user: User) -> bool:
    """Draft a new version of the handoff agreement: a manager of marketing or of sales."""
    return any(is_manager_of(user, code) for code in FUNNEL_TEAMS)


def can_approve_agreement(user: User, team: str) -> bool:
    """Approve an agreement version on behalf of `team`: only a manager of that team."""
    return team in FUNNEL_TEAMS and is_manager_of(user, TeamCode(team))


def approvable_teams(user: User) -> list[TeamCode]:
    return [code for code in FUNNEL_TEAMS if is_manager_of(user, code)]


# Campaigns and the shared commercial budget: everyone reads them (transparency is the
# point); marketing runs campaigns, sales enters its own spend, managers set the budget.


def can_view_campaigns(user: User) -> bool:
    return is_admin(user) or person_of(user) is not None


def can_manage_campaigns(user: User) -> bool:
    """Create campaigns: a marketer or a manager of marketing."""
    return is_admin(user) or acts_for_marketing(user)


def can_edit_campaign(user: User, owner: Person) -> bool:
    """A campaign and its cost lines: its owner, or a manager of marketing."""
    if is_admin(user) or is_manager_of(user, TeamCode.MARKETING):
        return True
    person = person_of(user)
    return person is not None and person.pk == owner.pk and acts_for_marketing(user)


def can_enter_sales_spend(user: User) -> bool:
    return works_in_sales(user)


def can_remove_sales_spend(user: User, entered_by: Person) -> bool:
    """A spend line of sales: whoever entered it, or a sales manager."""
    person = person_of(user)
    mine = person is not None and person.pk == entered_by.pk and works_in_sales(user)
    return mine or is_sales_manager(user)


def can_edit_budget(user: User) -> bool:
    return is_admin(user) or can_edit_agreement(user)


# The shared dashboard: everyone reads it; managers set targets and recompute it.


def can_view_dashboard(user: User) -> bool:
    return can_view_campaigns(user)


def can_set_targets(user: User) -> bool:
    """Targets of marketing, sales and joint ones: a manager of either team sets them."""
    return is_admin(user) or can_edit_agreement(user)


def can_recompute_dashboard(user: User) -> bool:
    return can_set_targets(user)


def dashboard_is_home(user: User) -> bool:
    """Managers of marketing and sales land on the dashboard: their first question is
    how the two teams are doing together."""
    return can_edit_agreement(user)


# The weekly meeting: everyone reads it; managers plan it; the facilitator or a manager
# runs it (agenda, decisions, action items, closing).


def can_view_meetings(user: User) -> bool:
    return can_view_dashboard(user)


def can_plan_meetings(user: User) -> bool:
    return can_set_targets(user)


def can_run_meeting(user: User, facilitator_id: int) -> bool:
    person = person_of(user)
    return can_plan_meetings(user) or (person is not None and person.pk == facilitator_id)


# Job rotation: anyone in a team proposes their own (a manager anyone's); a manager of
# the person's team or of the host team decides; only the person writes the learnings.


def can_view_rotations(user: User) -> bool:
    return can_view_dashboard(user)


def can_propose_rotations(user: User) -> bool:
    """Who may open the proposal form: someone in a team (for themselves; a manager for
    anyone, can_propose_rotation)."""
    me = person_of(user)
    return me is not None and me.team_id is not None


def can_propose_rotation(user: User, person: Person) -> bool:
    me = person_of(user)
    if me is None or person.team_id is None:
        return False
    return me.pk == person.pk or is_manager(user) or is_admin(user)


def can_decide_rotation(user: User, person: Person, host_team: str) -> bool:
    if is_admin(user):
        return True
    me = person_of(user)
    if me is None or not is_manager(user) or me.pk == person.pk:
        return False
    return me.leads_all_teams or (
        me.team is not None and me.team.code in (person.team.code, host_team)
    )


def can_write_learnings(user: User, person: Person) -> bool:
    me = person_of(user)
    return me is not None and me.pk == person.pk


# The relationship assessment and action items.


def can_run_assessment(user: User) -> bool:
    """Open and close relationship assessment rounds, remind who has not answered, and
    read their results: a manager of marketing or of sales (or the customer director over
    both)."""
    return can_edit_agreement(user)


def can_create_action(user: User) -> bool:
    """Write down an action item by hand: anyone in marketing or sales (managers
    included), the people who can own one."""
    return acts_for_marketing(user) or works_in_sales(user)


def can_comment_on_action(user: User) -> bool:
    """Comment on an action item: everyone with a card, who also reads the items."""
    return person_of(user) is not None


def can_edit_action(
    user: User, *, owner: Person, creator: Person, account_team: set[int] | None = None
) -> bool:
    """An action item (its text, owner, due date and status, so also marking it done and
    giving it to someone else) is changed by its owner, by whoever made it, or by a
    manager of marketing or sales: the managers run the weekly sync where items are
    reviewed. A next step of a key account
    (whose team is `account_team`) also by that account's team."""
    person = person_of(user)
    if person is None:
        return False
    if account_team is not None and can_edit_key_account(user, account_team):
        return True
    return person.pk in (owner.pk, creator.pk) or can_edit_agreement(user)


# Field notes and product updates: what the teams tell each other between meetings.
# Everyone with a card reads both: transparency is the point.


def can_read_team_news(user: User) -> bool:
    """Read the field notes and the product updates."""
    return person_of(user) is not None


def can_post_field_notes(user: User) -> bool:
    """Who talks to customers tells marketing what they hear: sales (salespeople, sales
    managers, the customer director) and the service team."""
    return works_in_sales(user) or is_on_team(user, TeamCode.SERVICE)


def can_answer_field_notes(user: User) -> bool:
    """Acknowledge and reply to field notes: marketing, and the managers of either team."""
    return acts_for_marketing(user) or can_edit_agreement(user)


def can_reply_to_field_note(user: User, author: Person) -> bool:
    """Marketing and managers reply; the author answers in their own note's thread."""
    person = person_of(user)
    return can_answer_field_notes(user) or (person is not None and person.pk == author.pk)


def can_publish_product_updates(user: User) -> bool:
    """Marketing (which speaks for product management here) and the managers of either
    team."""
    return acts_for_marketing(user) or can_edit_agreement(user)


def can_edit_product_update(user: User, author: Person) -> bool:
    """Its author (while they may still publish), or a manager of marketing."""
    if is_manager_of(user, TeamCode.MARKETING):
        return True
    person = person_of(user)
    return person is not None and person.pk == author.pk and can_publish_product_updates(user)


def flags_unread_updates(user: User) -> bool:
    """Sales is who product updates are for: the top bar counts the unread ones for them."""
    return works_in_sales(user)


# Key accounts: everyone with a card reads them; managers choose them, staff their teams
# and tidy up the organisations behind them; the account team and the managers work the
# plan (goal, aims, activities, next steps).


def can_view_key_accounts(user: User) -> bool:
    return can_view_campaigns(user)


def can_manage_key_accounts(user: User) -> bool:
    """Make a key account, set its team, merge and split organisations: a manager of
    marketing or of sales (or the customer director)."""
    return can_edit_agreement(user)


def can_edit_key_account(user: User, team: set[int]) -> bool:
    """The plan, activities and next steps of a key account whose team (person ids) is
    `team`: a member of that team, or a manager."""
    person = person_of(user)
    return can_manage_key_accounts(user) or (person is not None and person.pk in team)


# The same rules as lists of people -----------------------------------------------------


def _active() -> QuerySet[Person]:
    return Person.objects.filter(user__is_active=True).select_related("user")


def _sales_managers_q() -> Q:
    return Q(role=Role.MANAGER) & (Q(team__code=TeamCode.SALES) | Q(leads_all_teams=True))


def salespeople() -> QuerySet[Person]:
    """The active salespeople: who takes turns in a round robin."""
    return _active().filter(role=Role.SALESPERSON)


def sales_managers() -> QuerySet[Person]:
    return _active().filter(_sales_managers_q())


def campaign_owners() -> QuerySet[Person]:
    """Who can own a campaign: marketers and marketing managers."""
    marketing = Q(role=Role.MARKETER) | (
        Q(role=Role.MANAGER) & (Q(team__code=TeamCode.MARKETING) | Q(leads_all_teams=True))
    )
    return _active().filter(marketing).order_by("user__first_name", "user__last_name")


def lead_owners() -> QuerySet[Person]:
    """Who can own and work a lead (works_in_sales): salespeople and sales managers."""
    return (
        _active()
        .filter(Q(role=Role.SALESPERSON) | _sales_managers_q())
        .order_by("user__first_name", "user__last_name")
    )


def _funnel_people() -> QuerySet[Person]:
    """The active people of marketing and sales."""
    return _active().filter(Q(team__code__in=FUNNEL_TEAMS) | Q(leads_all_teams=True))


def funnel_people() -> QuerySet[Person]:
    """Everyone a handoff agreement binds: the active people of marketing and sales."""
    return _funnel_people()


def agreement_approvers(team: str | None = None) -> QuerySet[Person]:
    """The active managers who approve the handoff agreement (can_approve_agreement): of
    `team`, or of either team; the customer director counts for both."""
    teams = [team] if team else list(FUNNEL_TEAMS)
    return _active().filter(
        Q(role=Role.MANAGER) & (Q(team__code__in=teams) | Q(leads_all_teams=True))
    )


def account_managers() -> QuerySet[Person]:
    """Who can manage a key account: someone in sales (works_in_sales)."""
    return lead_owners()


def account_marketers() -> QuerySet[Person]:
    """The marketer of a key account: a marketer or a marketing manager."""
    return campaign_owners()


def service_contacts() -> QuerySet[Person]:
    """The service contact of a key account: an active member of the service team."""
    return (
        _active()
        .filter(team__code=TeamCode.SERVICE)
        .order_by("user__first_name", "user__last_name")
    )


def segment_salespeople() -> QuerySet[Person]:
    """Who can cover a segment for sales: those who work its leads (lead_owners)."""
    return lead_owners()


def segment_owners() -> QuerySet[Person]:
    """Who can own a segment: the active people of marketing and sales."""
    return _funnel_people().order_by("user__first_name", "user__last_name")


def action_owners() -> QuerySet[Person]:
    """Who can own an action item: anyone active in either team, listed per team."""
    return (
        _funnel_people()
        .select_related("team")
        .order_by("team__code", "user__first_name", "user__last_name")
    )
