"""What the home page shows each person: their queue, their open assessment rounds."""

from alignment import roles
from leads.campaigns import queries as campaign_queries
from leads.handoff import queues

QUEUE_PREVIEW = 5
CAMPAIGN_PREVIEW = 4


def queue_panel(user) -> dict:
    """A salesperson's home starts with their queue; managers see the team's."""
    if roles.person_of(user) is None or not roles.can_view_queue(user):
        return {}
    owners = queues.queue_owners(user)
    page = queues.queue(owners=owners)
    return {
        "queue_rows": page.items[:QUEUE_PREVIEW],
        "queue_summary": queues.queue_summary(owners=owners),
        "queue_team": owners is None,
    }


def campaigns_panel(user) -> dict:
    """Sales starts the day knowing what marketing runs: the campaigns of the coming weeks."""
    if not roles.works_in_sales(user):
        return {}
    return {"coming_campaigns": campaign_queries.coming()[:CAMPAIGN_PREVIEW]}
