"""Reads for the organisation pages."""

from django.db.models import F, Q, QuerySet

from alignment import directory_filters
from alignment.models import Notification, Person


def directory(
    *, team_code: str = "", text: str = "", extras: dict | None = None
) -> QuerySet[Person]:
    """Everyone in the who-is-who, filtered by team, by words in name or what they cover,
    and by the filters the apps registered (alignment.directory_filters: `extras` holds the
    chosen values by name)."""
    people = Person.objects.select_related("user", "team").filter(user__is_active=True)
    for extra in directory_filters.registered():
        people = people.prefetch_related(*extra.prefetch())
        if extras and extra.name in extras:
            people = extra.apply(people, extras[extra.name])
    if team_code:
        people = people.filter(team__code=team_code)
    searches = [extra.search for extra in directory_filters.registered() if extra.search]
    for word in text.split():
        matches = (
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(expertise__icontains=word)
            | Q(covers__icontains=word)
        )
        for search in searches:
            matches |= search(word)
        people = people.filter(matches)
    # People without a team (administrators) come last: colleagues look for teams first.
    return people.order_by(
        F("team__code").asc(nulls_last=True), "user__first_name", "user__last_name"
    )


def unread_notification_count(person: Person) -> int:
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def notifications_for(person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person)
