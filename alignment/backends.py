"""Signing in by username and password, and finding the signed-in user on each request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from alignment.queries import unread_notifications_of_user


class PersonBackend(ModelBackend):
    """Django's model backend that loads the user with their person, team and number of
    unread notifications in one query: every page asks who the reader is and which team
    they are in (alignment.roles), and the header shows the count. Four queries for it on
    every request would be a third of a page's budget (tests/test_query_budget.py)."""

    def get_user(self, user_id):
        users = (
            get_user_model()
            ._default_manager.select_related("person__team")
            .annotate(unread_notification_count=unread_notifications_of_user())
        )
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
