"""The field-note pages: the feed, one note, posting (from the top bar, a lead's page or
its own page), acknowledging and replying. Every form works without JavaScript; htmx
swaps the part that changed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import roles
from alignment.http import HtmxHttpRequest, template_for
from alignment.models import Person
from alignment.pagination import page_number, paginate
from relationships.models import FieldNote
from relationships.notes import queries, services
from relationships.notes.forms import FieldNoteForm, NoteFilterForm, QuickNoteForm, ReplyForm

FEED = "relationships/notes/note_feed.html"
# The compact forms (their element ids): in the top bar, and on a lead's page.
QUICK_FORMS = ("quicknote", "leadnote")


def _reader(request: HttpRequest) -> Person:
    roles.require(roles.can_read_team_news(request.user))
    return roles.person_of(request.user)


def _note_for_user(request: HttpRequest, pk: int) -> FieldNote:
    _reader(request)
    try:
        return queries.note(pk)
    except FieldNote.DoesNotExist:
        raise Http404 from None


def _back(request: HttpRequest, fallback: str) -> str:
    """Where the form was posted from (its `next` field), when that is a page of ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _note_context(request: HttpRequest, notes) -> dict:
    """What the cards of these notes need to know about the reader."""
    user = request.user
    return {
        "can_answer": roles.can_answer_field_notes(user),
        "sees_leads": roles.can_view_leads(user),
        "repliable": {n.pk for n in notes if roles.can_reply_to_field_note(user, n.author)},
    }


@require_GET
def note_feed(request: HtmxHttpRequest) -> HttpResponse:
    person = _reader(request)
    filters = NoteFilterForm(request.GET)
    values = filters.values()
    if values.pop("mine", False):
        values["author"] = person
    page = paginate(queries.feed(values), page_number(request), queries.FEED_PAGE)
    context = {
        "filters": filters,
        "page": page,
        "mine": "author" in values,
        "can_post": roles.can_post_field_notes(request.user),
        **_note_context(request, page),
    }
    return render(request, template_for(request, FEED, "results"), context)


@require_GET
def note_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    note = _note_for_user(request, pk)
    context = {"note": note, "open_reply": True, **_note_context(request, [note])}
    return render(request, "relationships/notes/note_detail.html", context)


@require_http_methods(["GET", "POST"])
def note_create(request: HtmxHttpRequest) -> HttpResponse:
    """The full form as a page; the compact forms of the top bar and the lead page post
    here too (with htmx their part of the page comes back, the form empty, with thanks)."""
    roles.require(roles.can_post_field_notes(request.user))
    form_id = request.POST.get("form_id")
    quick = request.htmx and form_id in QUICK_FORMS
    if quick:
        form = QuickNoteForm(request.POST, auto_id=f"{form_id}_%s")
    else:
        form = FieldNoteForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_field_note(author=roles.person_of(request.user), **form.note_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _posted(request, form, form_id if quick else None)
    if quick:  # htmx swaps only a 2xx answer: the form with its errors comes back as one
        return _quick_part(request, form_id, form, lead=form.cleaned_data.get("lead"))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _back(request, "")}
    return render(request, "relationships/notes/note_form.html", context, status=status)


def _initial(request: HttpRequest) -> dict:
    lead = request.GET.get("lead", "")
    return {"lead": lead} if lead.isdecimal() and len(lead) < 19 else {}


def _posted(request: HtmxHttpRequest, form: QuickNoteForm, form_id: str | None):
    lead = form.cleaned_data.get("lead")
    if form_id:
        fresh = QuickNoteForm(initial={"lead": lead}, auto_id=f"{form_id}_%s")
        return _quick_part(request, form_id, fresh, lead=lead, posted=True)
    messages.success(request, _("Thank you: your field note is with marketing."))
    return redirect(_back(request, reverse("relationships:note_feed")))


def _quick_part(request, form_id: str, form: QuickNoteForm, *, lead, posted: bool = False):
    """The compact form again; on a lead's page the whole panel, with the new note."""
    context = {"note_form": form, "posted": posted, "next": _back(request, "")}
    if form_id == "leadnote" and lead is not None:
        context |= {"lead": lead, "notes": queries.notes_about_lead(lead.pk), "can_post": True}
        return render(request, "relationships/notes/_lead_notes.html", context)
    return render(request, "relationships/notes/_quick_form.html", context | {"form_id": form_id})


@require_POST
def note_acknowledge(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    note = _note_for_user(request, pk)
    roles.require(roles.can_answer_field_notes(request.user))
    services.acknowledge_field_note(note_id=note.pk, by=roles.person_of(request.user))
    if request.htmx:
        return _note_card(request, pk)
    messages.success(request, _("The field note is acknowledged."))
    return redirect(_back(request, reverse("relationships:note_feed")))


@require_POST
def note_reply(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    note = _note_for_user(request, pk)
    roles.require(roles.can_reply_to_field_note(request.user, note.author))
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.reply_to_field_note(
            note_id=note.pk, by=roles.person_of(request.user), text=form.cleaned_data["text"]
        )
        if request.htmx:
            return _note_card(request, pk)
        messages.success(request, _("Your reply is sent; the author is told."))
        return redirect(_back(request, reverse("relationships:note_detail", args=[pk])))
    if request.htmx:
        return _note_card(request, pk, reply_form=form)
    context = {"note": note, "reply_form": form, "open_reply": True}
    context |= _note_context(request, [note])
    return render(request, "relationships/notes/note_detail.html", context, status=400)


def _note_card(request: HttpRequest, pk: int, reply_form: ReplyForm | None = None):
    note = queries.note(pk)
    context = {
        "note": note,
        "reply_form": reply_form,
        "open_reply": reply_form is not None,
        **_note_context(request, [note]),
    }
    return render(request, "relationships/notes/_note.html", context)
