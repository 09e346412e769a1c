"""Reads for the organisation pages."""

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

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


# The header counts unread notifications up to this many and then says "99+": a sales
# manager may have tens of thousands (a breach notifies them), and counting those on
# every page would cost more than the page.
UNREAD_SHOWN = 99


def unread_notification_count(person: Person) -> int:
    """Unread notifications, at most UNREAD_SHOWN + 1 (shown as "99+")."""
    known = getattr(person.user, "unread_notification_count", None)
    if known is not None:  # counted with the user (alignment.backends)
        return known
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True)
    return len(unread.values_list("pk", flat=True)[: UNREAD_SHOWN + 1])


def unread_notifications_of_user() -> Case:
    """The same count for the outer query's user, read in the query that loads the user
    on each request (the header shows it on every page): once there are more than
    UNREAD_SHOWN, only that is known, without counting them all."""
    unread = Notification.objects.filter(recipient__user=OuterRef("pk"), read_at__isnull=True)
    counted = unread.values("recipient").annotate(n=Count("pk")).values("n")
    many = unread.order_by("-created_at")[UNREAD_SHOWN : UNREAD_SHOWN + 1]
    return Case(
        When(Exists(many), then=Value(UNREAD_SHOWN + 1)),
        default=Coalesce(Subquery(counted), 0),
    )


def notifications_for(person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person)
