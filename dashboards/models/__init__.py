"""Every model of the dashboards app, one module per family."""

from dashboards.models.budget import BudgetAllocation

__all__ = ["BudgetAllocation"]
