"""Writes of organisations and key accounts: recognising organisations in the leads,
merging and splitting them, making a key account, its team, plan, activities and next
steps. Each checks who may do it (alignment.roles) and validates before it saves."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import roles
from alignment.models import Person
from leads.models import Lead
from relationships.accounts import queries, recognition
from relationships.actions import services as actions
from relationships.models import (
    AccountActivity,
    ActionItem,
    ActionSource,
    KeyAccount,
    KeyKind,
    Organisation,
    OrganisationKey,
    ProposedAccount,
    RevenueGoal,
)

# Recognition -----------------------------------------------------------------------------


@transaction.atomic
def recognise_organisations() -> int:
    """Make organisations of the company names and email domains in the leads that no
    organisation has yet (rules in recognition.py); return how many were made. Known keys
    stay where they are, so merges and splits hold."""
    rows = (
        Lead.objects.filter(_something_new())
        .values("company_key", "company", "email_domain")
        .annotate(leads=Count("pk"))
        .order_by()
        .values_list("company_key", "company", "email_domain", "leads")
    )
    groups = [recognition.Group(*row) for row in rows.iterator(chunk_size=20_000)]
    known = {(kind, value): pk for kind, value, pk in _known_keys()}
    plan = recognition.plan(groups, known)
    made = Organisation.objects.bulk_create(
        [Organisation(name=new.name[:200]) for new in plan.new], batch_size=2000
    )
    keys = [
        OrganisationKey(organisation=organisation, kind=kind, value=value[:254])
        for organisation, new in zip(made, plan.new, strict=True)
        for kind, value in new.keys
    ]
    keys += [
        OrganisationKey(organisation_id=pk, kind=kind, value=value[:254])
        for pk, kind, value in plan.joins
    ]
    # A run at the same moment may have taken a key first: its organisation keeps it, and
    # one of ours left without keys goes.
    OrganisationKey.objects.bulk_create(keys, batch_size=2000, ignore_conflicts=True)
    Organisation.objects.filter(pk__in=[o.pk for o in made], keys__isnull=True).delete()
    return len(made)


# Kept beyond the ten shown: those made key accounts during the day drop out until the
# next night's refresh, and the list still has ten to show.
KEPT_PROPOSALS = 3 * queries.PROPOSALS


@transaction.atomic
def refresh_proposals(today: datetime.date) -> None:
    """Keep the largest customers that are no key account yet, as the proposals: each
    night after the recognition and after a merge or split (about 50 ms at a million
    leads)."""
    largest = queries.largest_customers(today, limit=KEPT_PROPOSALS)
    ProposedAccount.objects.all().delete()
    ProposedAccount.objects.bulk_create(
        [
            ProposedAccount(
                organisation=proposal.organisation,
                revenue=proposal.revenue,
                deals=proposal.deals,
                computed_on=today,
            )
            for proposal in largest
        ],
        # A refresh at the same moment may have written them first: the same figures.
        update_conflicts=True,
        unique_fields=["organisation"],
        update_fields=["revenue", "deals", "computed_on"],
    )


def _something_new() -> Q:
    """Leads with a company name or business domain no organisation has: all the plan
    needs to know about new keys (every lead of a new name or a new domain), and at night
    usually a few, not a million."""
    known_name = OrganisationKey.objects.filter(kind=KeyKind.NAME, value=OuterRef("company_key"))
    known_domain = OrganisationKey.objects.filter(
        kind=KeyKind.DOMAIN, value=OuterRef("email_domain")
    )
    new_name = ~Q(company_key="") & ~Exists(known_name)
    new_domain = ~Q(email_domain__in=recognition.FREE_MAIL_DOMAINS) & ~Exists(known_domain)
    return new_name | new_domain


def _known_keys():
    return OrganisationKey.objects.values_list("kind", "value", "organisation_id").iterator(
        chunk_size=20_000
    )


# Merging and splitting ---------------------------------------------------------------------


def _require_manager(by: Person) -> None:
    if not roles.can_manage_key_accounts(by.user):
        raise PermissionDenied


@transaction.atomic
def merge_organisations(*, source_id: int, target_id: int, by: Person) -> Organisation:
    """`source` becomes part of `target`: its keys (so its leads) and its key account move
    over, and it goes."""
    _require_manager(by)
    if source_id == target_id:
        raise ValidationError(_("Choose another organisation to merge with."))
    locked = Organisation.objects.select_for_update().filter(pk__in=[source_id, target_id])
    found = {organisation.pk: organisation for organisation in locked.order_by("pk")}
    if len(found) != 2:
        raise ValidationError(_("That organisation no longer exists."))
    accounts = KeyAccount.objects.filter(organisation_id__in=found)
    if accounts.count() == 2:
        raise ValidationError(
            _("Both are key accounts. Two key accounts are not merged: keep one of them.")
        )
    OrganisationKey.objects.filter(organisation_id=source_id).update(organisation_id=target_id)
    accounts.filter(organisation_id=source_id).update(organisation_id=target_id)
    found[source_id].delete()
    refresh_proposals(timezone.localdate())
    return found[target_id]


@transaction.atomic
def split_key(*, organisation_id: int, key_id: int, name: str, by: Person) -> Organisation:
    """A key leaves its organisation for a new one named `name` (with the key's leads)."""
    _require_manager(by)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the new organisation a name.")})
    keys = OrganisationKey.objects.select_for_update().filter(organisation_id=organisation_id)
    key = keys.filter(pk=key_id).first()
    if key is None:
        raise ValidationError(_("That key no longer exists."))
    if OrganisationKey.objects.filter(organisation_id=key.organisation_id).count() < 2:
        raise ValidationError(
            _("This is the organisation's only key: an organisation keeps at least one.")
        )
    organisation = Organisation(name=name)
    organisation.full_clean()
    organisation.save()
    key.organisation = organisation
    key.save(update_fields=["organisation"])
    refresh_proposals(timezone.localdate())
    return organisation


# Key accounts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Team:
    account_manager: Person
    marketer: Person
    service_contact: Person | None = None


def _check_team(team: Team) -> None:
    errors = {}
    if not roles.account_managers().filter(pk=team.account_manager.pk).exists():
        errors["account_manager"] = _("The account manager is someone in sales.")
    if not roles.account_marketers().filter(pk=team.marketer.pk).exists():
        errors["marketer"] = _("The marketer is someone in marketing.")
    service = team.service_contact
    if service and not roles.service_contacts().filter(pk=service.pk).exists():
        errors["service_contact"] = _("The service contact is someone in service.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_key_account(
    *,
    organisation_id: int,
    team: Team,
    by: Person,
    goal: Decimal | None = None,
    aims: str = "",
    today: datetime.date | None = None,
) -> KeyAccount:
    """Turn an organisation into a key account with its team (and this year's goal)."""
    _require_manager(by)
    _check_team(team)
    organisation = Organisation.objects.select_for_update().filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError(_("That organisation no longer exists."))
    if KeyAccount.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("%(name)s is a key account already.") % {"name": organisation})
    account = KeyAccount(
        organisation=organisation,
        account_manager=team.account_manager,
        marketer=team.marketer,
        service_contact=team.service_contact,
        aims=aims,
        created_by=by,
    )
    account.full_clean()
    account.save()
    if goal is not None:
        _set_goal(account, (today or timezone.localdate()).year, goal)
    return account


def _locked_account(account_id: int) -> KeyAccount:
    return (
        KeyAccount.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=account_id)
    )


def _require_team(account: KeyAccount, by: Person) -> None:
    if not roles.can_edit_key_account(by.user, account.team_ids):
        raise PermissionDenied


def _set_goal(account: KeyAccount, year: int, amount: Decimal | None) -> None:
    if amount is None:
        RevenueGoal.objects.filter(account=account, year=year).delete()
        return
    if amount < 0:
        raise ValidationError({"goal": _("A revenue goal is not negative.")})
    RevenueGoal(account=account, year=year, amount=amount).full_clean(
        validate_unique=False, validate_constraints=False
    )
    RevenueGoal.objects.update_or_create(account=account, year=year, defaults={"amount": amount})


@transaction.atomic
def update_account(
    *,
    account_id: int,
    aims: str,
    goal: Decimal | None,
    year: int,
    by: Person,
    team: Team | None = None,
) -> KeyAccount:
    """The plan (what we want to reach, the revenue goal of `year`; None: no goal), by the
    account team or a manager; and, when given, the team, which only a manager sets."""
    account = _locked_account(account_id)
    _require_team(account, by)
    if team is not None:
        _require_manager(by)
        _check_team(team)
        account.account_manager, account.marketer = team.account_manager, team.marketer
        account.service_contact = team.service_contact
    account.aims = aims
    account.full_clean()
    account.save()
    _set_goal(account, year, goal)
    return account


# Activities and next steps -------------------------------------------------------------------

ACTIVITY_FIELDS = ("date", "kind", "title", "campaign", "note")


@transaction.atomic
def save_activity(
    *, account_id: int, values: dict, by: Person, activity_id: int | None = None
) -> AccountActivity:
    """Add a joint activity to the account, or change one (`activity_id`)."""
    account = _locked_account(account_id)
    _require_team(account, by)
    if activity_id is None:
        activity = AccountActivity(account=account, by=by)
    else:
        activity = AccountActivity.objects.get(pk=activity_id, account=account)
    for name in ACTIVITY_FIELDS:
        setattr(activity, name, values.get(name, getattr(activity, name)))
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def delete_activity(*, activity_id: int, by: Person) -> None:
    activity = AccountActivity.objects.select_related("account").get(pk=activity_id)
    _require_team(_locked_account(activity.account_id), by)
    activity.delete()


@transaction.atomic
def add_next_step(
    *,
    account_id: int,
    title: str,
    owner: Person,
    due_date: datetime.date,
    by: Person,
    description: str = "",
    today: datetime.date | None = None,
) -> ActionItem:
    """A next step of the account's plan: an action item with an owner and a due date."""
    account = _locked_account(account_id)
    _require_team(account, by)
    return actions.create_action_item(
        title=title,
        owner=owner,
        due_date=due_date,
        by=by,
        description=description,
        source=ActionSource.KEY_ACCOUNT,
        key_account=account,
        today=today,
    )
