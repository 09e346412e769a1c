"""The sentences of the handoff agreement's notifications, registered once when the app
loads. Each comes twice: for the company-wide agreement and for a segment's, so the scope
reads in the reader's language."""

from django.utils.translation import gettext_lazy as _

from alignment.notification_texts import register

register(
    "agreement_draft",
    _(
        "%(person)s proposed version %(version)s of the handoff agreement for the whole "
        "company. It waits for your approval."
    ),
)
register(
    "agreement_draft_segment",
    _(
        "%(person)s proposed version %(version)s of the handoff agreement for %(segment)s. "
        "It waits for your approval."
    ),
)
register(
    "agreement_draft_changed",
    _(
        "%(person)s changed draft version %(version)s of the handoff agreement for the whole "
        "company, so your approval was withdrawn. Read it again and approve it."
    ),
)
register(
    "agreement_draft_changed_segment",
    _(
        "%(person)s changed draft version %(version)s of the handoff agreement for "
        "%(segment)s, so your approval was withdrawn. Read it again and approve it."
    ),
)
register(
    "agreement_approved",
    _(
        "%(person)s approved version %(version)s of the handoff agreement for the whole "
        "company. Your team's approval is the one still missing."
    ),
)
register(
    "agreement_approved_segment",
    _(
        "%(person)s approved version %(version)s of the handoff agreement for %(segment)s. "
        "Your team's approval is the one still missing."
    ),
)
register(
    "agreement_in_force",
    _(
        "Version %(version)s of the handoff agreement for the whole company is now in force: "
        "both managers approved it. See what changed."
    ),
)
register(
    "agreement_in_force_segment",
    _(
        "Version %(version)s of the handoff agreement for %(segment)s is now in force: both "
        "managers approved it. See what changed."
    ),
)
