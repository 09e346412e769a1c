"""Every model of the relationships app, one module per family."""

from relationships.models.accounts import (
    AccountActivity,
    ActivityKind,
    KeyAccount,
    KeyKind,
    Organisation,
    OrganisationKey,
    ProposedAccount,
    RevenueGoal,
)
from relationships.models.actions import ActionComment, ActionItem, ActionSource, ActionStatus
from relationships.models.assessment import (
    Answer,
    Invitation,
    Questionnaire,
    Round,
    Statement,
    Theme,
)
from relationships.models.notes import (
    FieldNote,
    FieldNoteReply,
    NoteKind,
    ProductUpdate,
    ProductUpdateRead,
)
from relationships.models.rotation import Rotation, RotationStatus

__all__ = [
    "AccountActivity",
    "ActivityKind",
    "KeyAccount",
    "KeyKind",
    "Organisation",
    "OrganisationKey",
    "ProposedAccount",
    "RevenueGoal",
    "ActionComment",
    "ActionItem",
    "ActionSource",
    "ActionStatus",
    "Answer",
    "FieldNote",
    "FieldNoteReply",
    "Invitation",
    "NoteKind",
    "ProductUpdate",
    "ProductUpdateRead",
    "Questionnaire",
    "Rotation",
    "RotationStatus",
    "Round",
    "Statement",
    "Theme",
]
