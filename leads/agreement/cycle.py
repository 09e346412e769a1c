"""The customer's buying cycle, as the agreement describes it: phases from the first need
to a loyal customer, each owned by a team, with what the customer does, what we do, when
the phase is done, and the lead stages that belong to it. Pure: no database.

An agreement stores its own map as a list of plain dicts (the text its managers typed and
approved); an agreement without one shows the default map, in the reader's language.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leads.models import Stage

MARKETING, SALES, SHARED, SERVICE = "marketing", "sales", "shared", "service"
OWNERS = [
    (MARKETING, gettext_lazy("Marketing")),
    (SALES, gettext_lazy("Sales")),
    (SHARED, gettext_lazy("Marketing and sales together")),
    (SERVICE, gettext_lazy("Service")),
]
MAX_PHASES = 10
TEXT_FIELDS = ("name", "customer", "we", "exit")


@dataclass(frozen=True)
class Phase:
    name: str
    owner: str
    customer: str
    we: str
    exit: str
    stages: list[str] = field(default_factory=list)

    @property
    def owner_label(self) -> str:
        return str(dict(OWNERS)[self.owner])

    @property
    def stage_labels(self) -> list[str]:
        labels = dict(Stage.choices)
        return [str(labels[stage]) for stage in self.stages]

    def as_dict(self) -> dict:
        return {"name": self.name, "owner": self.owner, "customer": self.customer,
                "we": self.we, "exit": self.exit, "stages": list(self.stages)}  # fmt: skip


def default_phases() -> list[Phase]:
    """A sensible start: where marketing's work ends, where sales takes over, where
    service does."""
    return [
        Phase(_("Need awareness"), MARKETING,
              _("Notices a problem or an opportunity, often without looking for a supplier."),
              _("Names the problem in content, campaigns and events, for the right segments."),
              _("The customer reacts: downloads, signs up, visits, asks."),
              [Stage.NEW]),
        Phase(_("Orientation"), MARKETING,
              _("Looks for possible solutions and who offers them."),
              _("Nurtures with useful content; scores fit and interest."),
              _("The lead meets the handoff criteria of this agreement."),
              [Stage.RECYCLED]),
        Phase(_("Comparison"), SHARED,
              _("Compares suppliers, asks for information and references."),
              _("Marketing hands the lead over; sales accepts within the agreed time and "
                "makes contact."),
              _("Sales has spoken with the customer and sees a real opportunity."),
              [Stage.MQL, Stage.SAL]),
        Phase(_("Purchase"), SALES,
              _("Chooses, negotiates and signs."),
              _("Qualifies, proposes and closes; marketing supplies cases and comparisons."),
              _("The deal is won or lost, with the reason recorded."),
              [Stage.SQL, Stage.OPPORTUNITY]),
        Phase(_("Use"), SERVICE,
              _("Starts using what was bought, and needs help to get value from it."),
              _("Onboards and supports; tells sales and marketing what customers run into."),
              _("The customer uses it and is satisfied."),
              [Stage.WON]),
        Phase(_("Loyalty"), SHARED,
              _("Buys again, buys more, recommends us."),
              _("Sales looks for the next need; marketing turns happy customers into stories."),
              _("A repeat order or a reference."),
              []),
    ]  # fmt: skip


def phases_of(stored: list[dict]) -> list[Phase]:
    """An agreement's map: its own, or the default one."""
    if not stored:
        return default_phases()
    return [Phase(**{**row, "stages": list(row.get("stages", []))}) for row in stored]


def cleaned(rows: list[dict]) -> list[dict]:
    """The map as it is stored, checked: one to ten phases, each named and owned, and each
    lead stage in at most one phase."""
    rows = [row for row in rows if any(str(row.get(name, "")).strip() for name in TEXT_FIELDS)]
    if not rows:
        raise ValidationError(_("Describe at least one phase of the buying cycle."))
    if len(rows) > MAX_PHASES:
        raise ValidationError(_("At most %(count)s phases.") % {"count": MAX_PHASES})
    seen: dict[str, str] = {}
    phases = []
    for row in rows:
        phase = Phase(
            name=str(row.get("name", "")).strip(),
            owner=row.get("owner", ""),
            customer=str(row.get("customer", "")).strip(),
            we=str(row.get("we", "")).strip(),
            exit=str(row.get("exit", "")).strip(),
            stages=[stage for stage in Stage.values if stage in row.get("stages", [])],
        )
        if not phase.name:
            raise ValidationError(_("Every phase needs a name."))
        if phase.owner not in dict(OWNERS):
            raise ValidationError(_("Choose who owns the phase “%(name)s”.") % {"name": phase.name})
        for stage in phase.stages:
            if stage in seen:
                raise ValidationError(
                    _("The stage %(stage)s is in both “%(first)s” and “%(second)s”.")
                    % {
                        "stage": dict(Stage.choices)[stage],
                        "first": seen[stage],
                        "second": phase.name,
                    }  # fmt: skip
                )
            seen[stage] = phase.name
        phases.append(phase.as_dict())
    return phases
