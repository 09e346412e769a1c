"""What a version of the agreement changes, rule by rule, against another version: old →
new for a single value, additions and removals for a list (required fields, working
days, rejection reasons, the rotation, the buying cycle's phases). Pure: it compares two
plain dicts of rules (HandoffAgreement.rules() and the rotation's names), no database.

The free-text "what changed and why" is the drafter's account; this is what an approver
can rely on.
"""

from dataclasses import dataclass
from datetime import time

from django.conf import settings
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from leads.agreement import cycle
from leads.models import Assignment, HandoffAgreement, RejectionReason
from leads.models.agreement import requirable_field_label


@dataclass(frozen=True)
class PhaseChange:
    """One aspect of a buying-cycle phase that both versions have."""

    phase: str
    aspect: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One rule that differs. A single value has `old` and `new`; a list has what was
    added and removed (and, for the buying cycle, the phases changed in place, and the
    order as `old`/`new` when only that moved)."""

    field: str
    label: str
    old: str = ""
    new: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    phases: tuple[PhaseChange, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.field in LIST_FIELDS


def _capital(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _field(name: str) -> str:
    return _capital(requirable_field_label(name))


def _time(value) -> str:
    return value.strftime("%H:%M") if isinstance(value, time) else str(value)[:5]


def _yes_no(value) -> str:
    return _("Yes") if value else _("No")


def _assignment(value) -> str:
    return str(dict(Assignment.choices).get(value, value))


def _reason(code: str) -> str:
    return str(dict(RejectionReason.choices).get(code, code))


def _day(day: int) -> str:
    return str(WEEKDAYS.get(day, day))


# Single values: how each is shown.
SCALARS = {
    "min_fit_score": str,
    "assignment": _assignment,
    "accept_hours": str,
    "first_contact_hours": str,
    "working_hours_only": _yes_no,
    "work_start": _time,
    "work_end": _time,
    "time_zone": str,
    "recycle_days": str,
}
# Lists: how each item is shown.
LISTS = {
    "required_fields": _field,
    "salespeople": str,
    "work_days": _day,
    "rejection_reasons": _reason,
}
LIST_FIELDS = {*LISTS, "buying_cycle"}
# The order of the agreement's text; the drafter's note is not a rule.
ORDER = (
    "buying_cycle",
    "min_fit_score",
    "required_fields",
    "assignment",
    "salespeople",
    "accept_hours",
    "first_contact_hours",
    "working_hours_only",
    "work_days",
    "work_start",
    "work_end",
    "time_zone",
    "rejection_reasons",
    "recycle_days",
)


def label_of(name: str) -> str:
    return _capital(HandoffAgreement._meta.get_field(name).verbose_name)


def changes(old: dict, new: dict) -> list[Change]:
    """Every rule `new` has different from `old`, in the order of the agreement's text."""
    found = []
    for name in ORDER:
        before, after = old.get(name), new.get(name)
        if name == "buying_cycle":
            change = _cycle_change(before or [], after or [])
        elif name in LISTS:
            change = _list_change(name, before or [], after or [])
        elif before != after:
            show = SCALARS[name]
            change = Change(name, label_of(name), old=show(before), new=show(after))
        else:
            change = None
        if change is not None:
            found.append(change)
    return found


def _list_change(name: str, before: list, after: list) -> Change | None:
    show = LISTS[name]
    added = tuple(show(item) for item in after if item not in before)
    removed = tuple(show(item) for item in before if item not in after)
    if not (added or removed):
        return None
    return Change(name, label_of(name), added=added, removed=removed)


def _default_like(other: list[dict]) -> list[cycle.Phase]:
    """The default map, in the language the other version's own map was typed in (the
    one its phase names share most with): a manager who writes the default map down
    unchanged has changed nothing, whatever language the reader reads in."""
    names = {row.get("name") for row in other}
    best = cycle.default_phases()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            phases = cycle.default_phases()
        if len(names & {p.name for p in phases}) > len(names & {p.name for p in best}):
            best = phases
    return best


def _phases(stored: list[dict], other: list[dict]) -> list[cycle.Phase]:
    return _default_like(other) if not stored and other else cycle.phases_of(stored)


def _cycle_change(before: list[dict], after: list[dict]) -> Change | None:
    """Phases are matched by name: a renamed phase reads as one removed and one added."""
    old_phases = {phase.name: phase for phase in _phases(before, after)}
    new_phases = {phase.name: phase for phase in _phases(after, before)}
    added = tuple(name for name in new_phases if name not in old_phases)
    removed = tuple(name for name in old_phases if name not in new_phases)
    changed = tuple(
        change
        for name, phase in new_phases.items()
        if name in old_phases
        for change in _phase_changes(old_phases[name], phase)
    )
    kept_before = [name for name in old_phases if name in new_phases]
    kept_after = [name for name in new_phases if name in old_phases]
    moved = kept_before != kept_after
    if not (added or removed or changed or moved):
        return None
    return Change(
        "buying_cycle",
        label_of("buying_cycle"),
        old=" → ".join(kept_before) if moved else "",
        new=" → ".join(kept_after) if moved else "",
        added=added,
        removed=removed,
        phases=changed,
    )


def _phase_changes(old: cycle.Phase, new: cycle.Phase) -> list[PhaseChange]:
    aspects = [
        (_("Owner"), old.owner_label, new.owner_label),
        (_("The customer"), old.customer, new.customer),
        (_("We"), old.we, new.we),
        (_("Done when"), old.exit, new.exit),
        (_("Lead stages"), ", ".join(old.stage_labels), ", ".join(new.stage_labels)),
    ]
    return [
        PhaseChange(new.name, aspect, before or "—", after or "—")
        for aspect, before, after in aspects
        if before != after
    ]
