"""Who may move a lead from which stage to which: the rule table of the lifecycle.

Pure: it knows capacities, not people or the database. Marketing owns the funnel
up to MQL (qualifying and handing off, and deciding what happens to rejected leads);
sales owns it from the moment a lead is handed over: the salesperson who owns the lead,
or a sales manager, accepts or rejects it and takes it on to won or lost.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from leads.models import Stage

# Who may act, in the words of the agreement.
MARKETING = "marketing"  # a marketer or a manager of marketing
LEAD_OWNER = "lead owner"  # the salesperson the lead is assigned to
SALES_MANAGER = "sales manager"
SALES = frozenset({LEAD_OWNER, SALES_MANAGER})


@dataclass(frozen=True)
class Rule:
    who: frozenset[str]
    reason_required: bool = False


RULES: dict[tuple[Stage, Stage], Rule] = {
    (Stage.NEW, Stage.MQL): Rule(frozenset({MARKETING})),  # qualify and hand off
    (Stage.NEW, Stage.DISQUALIFIED): Rule(frozenset({MARKETING})),
    (Stage.MQL, Stage.SAL): Rule(SALES),  # accept
    (Stage.MQL, Stage.REJECTED): Rule(SALES, reason_required=True),
    (Stage.SAL, Stage.SQL): Rule(SALES),
    (Stage.SAL, Stage.LOST): Rule(SALES, reason_required=True),
    (Stage.SQL, Stage.OPPORTUNITY): Rule(SALES),
    (Stage.SQL, Stage.LOST): Rule(SALES, reason_required=True),
    (Stage.OPPORTUNITY, Stage.WON): Rule(SALES),
    (Stage.OPPORTUNITY, Stage.LOST): Rule(SALES, reason_required=True),
    (Stage.REJECTED, Stage.RECYCLED): Rule(frozenset({MARKETING})),  # back to nurture
    (Stage.REJECTED, Stage.DISQUALIFIED): Rule(frozenset({MARKETING})),
    (Stage.RECYCLED, Stage.MQL): Rule(frozenset({MARKETING})),  # hand off once more
    (Stage.RECYCLED, Stage.DISQUALIFIED): Rule(frozenset({MARKETING})),
}

# The stages in which marketing holds a lead: before its handoff, and after sales sent it
# back. In every other stage a salesperson owns it.
WITH_MARKETING = frozenset({Stage.NEW, Stage.REJECTED, Stage.RECYCLED, Stage.DISQUALIFIED})


def with_sales(stage: str) -> bool:
    return Stage(stage) not in WITH_MARKETING


@dataclass(frozen=True)
class Actor:
    """In which of the capacities above someone acts on one lead (leads/handoff/queries.py
    works them out from alignment.roles)."""

    capacities: frozenset[str] = frozenset()


class TransitionRefused(Exception):
    """A stage change the rules do not allow; the message says why, for the user."""


def check(*, current: Stage, target: Stage, actor: Actor, reason: str = "") -> Rule:
    """The rule that allows this change, or TransitionRefused with a clear message."""
    rule = RULES.get((Stage(current), Stage(target)))
    if rule is None:
        raise TransitionRefused(
            _("A lead cannot go from %(current)s to %(target)s.")
            % {"current": Stage(current).label, "target": Stage(target).label}
        )
    if not rule.who & actor.capacities:
        raise TransitionRefused(_refusal(rule))
    if rule.reason_required and not reason.strip():
        raise TransitionRefused(_("Give a reason for this step."))
    return rule


def _refusal(rule: Rule) -> str:
    if rule.who == {MARKETING}:
        return str(_("Only marketing may take this step."))
    return str(_("Only the salesperson who owns this lead, or a sales manager, may do this."))


def allowed_targets(current: Stage, actor: Actor) -> list[Stage]:
    """The stages this actor may move a lead to from `current`, for buttons and menus."""
    return [
        target
        for (source, target), rule in RULES.items()
        if source == current and rule.who & actor.capacities
    ]
