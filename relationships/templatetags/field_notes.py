"""The field-note panel of a lead's page. The leads app cannot import relationships (the
apps depend one way), so its template loads this tag instead."""

from django import template

from alignment import roles
from relationships.notes import queries
from relationships.notes.forms import QuickNoteForm

register = template.Library()


@register.inclusion_tag("relationships/notes/_lead_notes.html", takes_context=True)
def lead_field_notes(context: template.Context, lead) -> dict:
    request = context["request"]
    can_post = roles.can_post_field_notes(request.user)
    form = QuickNoteForm(initial={"lead": lead.pk}, auto_id="leadnote_%s") if can_post else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "lead": lead,
        "notes": queries.notes_about_lead(lead.pk),
        "can_post": can_post,
        "note_form": form,
        "next": request.get_full_path(),
    }
