"""What the top bar offers from this app: the compact field-note form for those who post
notes, and the number of unread product updates for sales."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from alignment import roles
from relationships.notes.forms import QuickNoteForm
from relationships.updates import queries as update_queries


def team_news(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    person = roles.person_of(user) if user is not None else None
    if person is None:
        return {}
    news = {"nav_team_news": roles.can_read_team_news(user)}
    if roles.can_post_field_notes(user):
        news["nav_note_form"] = QuickNoteForm(auto_id="quicknote_%s")
    if roles.flags_unread_updates(user):
        # Counted only when a page shows the top bar (not for partials and redirects).
        news["nav_unread_updates"] = SimpleLazyObject(lambda: update_queries.unread_count(person))
    return news
