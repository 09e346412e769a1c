from django.http import HttpRequest

from alignment import queries, roles


def navigation(request: HttpRequest) -> dict:
    """The signed-in person and what the navigation may offer them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    person = roles.person_of(user)
    return {
        "me": person,
        "me_is_admin": roles.is_admin(user),
        "me_is_manager": roles.is_manager(user),
        "unread_notifications": queries.unread_notification_count(person) if person else 0,
        "unread_notifications_shown": queries.UNREAD_SHOWN,
        # The navigation offers what the server allows; the views check again.
        "nav_leads": roles.can_view_leads(user),
        "nav_queue": roles.can_view_queue(user),
        "nav_campaigns": roles.can_view_campaigns(user),
        "nav_dashboard": roles.can_view_dashboard(user),
        "nav_dashboard_is_home": roles.dashboard_is_home(user),
        "nav_api_tokens": roles.can_manage_api_tokens(user),
    }
