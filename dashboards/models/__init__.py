"""Every model of the dashboards app, one module per family."""

from dashboards.models.budget import BudgetAllocation
from dashboards.models.kpis import PeriodKind, Snapshot, SnapshotRun, Target
from dashboards.models.meetings import AgendaItem, Decision, Meeting, MeetingAction, Section

__all__ = [
    "AgendaItem",
    "BudgetAllocation",
    "Decision",
    "Meeting",
    "MeetingAction",
    "PeriodKind",
    "Section",
    "Snapshot",
    "SnapshotRun",
    "Target",
]
