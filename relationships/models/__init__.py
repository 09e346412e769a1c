"""Every model of the relationships app, one module per family."""

from relationships.models.actions import ActionItem, ActionSource, ActionStatus
from relationships.models.assessment import (
    Answer,
    Invitation,
    Questionnaire,
    Round,
    Statement,
    Theme,
)

__all__ = [
    "ActionItem",
    "ActionSource",
    "ActionStatus",
    "Answer",
    "Invitation",
    "Questionnaire",
    "Round",
    "Statement",
    "Theme",
]
