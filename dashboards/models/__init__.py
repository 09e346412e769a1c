"""Every model of the dashboards app, one module per family."""

from dashboards.models.budget import BudgetAllocation
from dashboards.models.kpis import PeriodKind, Snapshot, SnapshotRun, Target

__all__ = ["BudgetAllocation", "PeriodKind", "Snapshot", "SnapshotRun", "Target"]
