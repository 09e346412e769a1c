"""Reads for the organisation pages."""

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from alignment.models import Notification, Person


def directory(*, team_code: str = "", text: str = "") -> QuerySet[Person]:
    """Everyone in the who-is-who, filtered by team and by words in name or what they cover."""
    people = Person.objects.select_related("user", "team").filter(user__is_active=True)
    if team_code:
        people = people.filter(team__code=team_code)
    for word in text.split():
        people = people.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(expertise__icontains=word)
            | Q(covers__icontains=word)
        )
    # People without a team (administrators) come last: colleagues look for teams first.
    return people.order_by(
        F("team__code").asc(nulls_last=True), "user__first_name", "user__last_name"
    )


def unread_notification_count(person: Person) -> int:
    known = getattr(person.user, "unread_notification_count", None)
    if known is not None:  # counted with the user (alignment.backends)
        return known
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def unread_notifications_of_user() -> Coalesce:
    """The unread count of the outer query's user, to read it in the query that loads
    the user on each request (the header shows it on every page)."""
    unread = Notification.objects.filter(recipient__user=OuterRef("pk"), read_at__isnull=True)
    counted = unread.values("recipient").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def notifications_for(person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person)
