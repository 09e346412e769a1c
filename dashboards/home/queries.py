"""What the home page shows each person: their queue, their open assessment rounds."""

from alignment import roles
from leads.handoff import queries as handoff_queries

QUEUE_PREVIEW = 5


def queue_panel(user) -> dict:
    """A salesperson's home starts with their queue; managers see the team's."""
    if roles.person_of(user) is None or not roles.can_view_queue(user):
        return {}
    owners = handoff_queries.queue_owners(user)
    page = handoff_queries.queue(owners=owners)
    return {
        "queue_rows": page.items[:QUEUE_PREVIEW],
        "queue_summary": handoff_queries.queue_summary(owners=owners),
        "queue_team": owners is None,
    }
