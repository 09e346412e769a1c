from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language
from django.views.static import serve

from alignment import queries, roles, services
from alignment.forms import DirectoryFilterForm, ManagedCardForm, OwnCardForm, initial_for
from alignment.health import broker_status
from alignment.http import HtmxHttpRequest, template_for
from alignment.models import Notification, Person
from alignment.pagination import page_number, paginate

NOTIFICATIONS_PAGE = 25


@require_GET
def directory(request: HtmxHttpRequest) -> HttpResponse:
    filters = DirectoryFilterForm(request.GET)
    team_code, text, extras = filters.values()
    people = queries.directory(team_code=team_code, text=text, extras=extras)
    template = template_for(request, "alignment/directory.html", "results")
    return render(request, template, {"filters": filters, "people": people})


def _get_person(pk: int) -> Person:
    return get_object_or_404(Person.objects.select_related("user", "team"), pk=pk)


@require_GET
def person_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = _get_person(pk)
    return render(
        request,
        "alignment/person_detail.html",
        {"card": person, "can_edit": roles.can_edit_person(request.user, person)},
    )


@require_http_methods(["GET", "POST"])
def person_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = _get_person(pk)
    roles.require(roles.can_edit_person(request.user, person))
    form = _card_form(request, person)
    if request.method == "POST" and form.is_valid():
        try:
            _save_card(person, form, by=roles.person_of(request.user))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The card of %(name)s is saved.") % {"name": person.name})
            return redirect(person)
    return render(request, "alignment/person_edit.html", {"card": person, "form": form})


def _card_form(request: HttpRequest, person: Person) -> OwnCardForm:
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = initial_for(person)
    if roles.can_edit_role(request.user, person):
        return ManagedCardForm(
            data,
            files,
            initial=initial,
            roles=roles.assignable_roles(request.user),
            teams=roles.assignable_teams(request.user),
        )
    return OwnCardForm(data, files, initial=initial)


def _save_card(person: Person, form: OwnCardForm, *, by: Person) -> None:
    data = dict(form.cleaned_data)
    user_fields = {name: data.pop(name) for name in OwnCardForm.USER_FIELDS}
    photo = data.pop("photo", None)
    if photo is False:  # "remove" ticked
        data["photo"] = ""
    elif photo and photo != person.photo:  # a new upload, not the current photo again
        data["photo"] = photo
    services.update_person(person=person, by=by, user_fields=user_fields, person_fields=data)


@require_GET
def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files (people's photos), for signed-in colleagues only."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (e.g. the admin)."""
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_status(), "broker": broker_status()}
    healthy = all(state in ("ok", "in-process") for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **checks}, status=200 if healthy else 503
    )


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "down"


def login_locked_out(request: HttpRequest, credentials: dict, *args, **kwargs) -> HttpResponse:
    """Shown by django-axes instead of the login form after too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = AuthenticationForm(request, data=request.POST or None)
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_out": True, "cooloff_minutes": minutes},
        status=429,
    )


def _get_notification_for_user(request: HttpRequest, pk: int) -> Notification:
    """The signed-in person's own notification, or 404: nobody reads another's."""
    person = roles.person_of(request.user)
    return get_object_or_404(Notification, pk=pk, recipient=person)


@require_GET
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    return _notifications_page(request)


def _notifications_page(request: HtmxHttpRequest) -> HttpResponse:
    person = roles.person_of(request.user)
    notes = queries.notifications_for(person) if person else Notification.objects.none()
    page = paginate(notes, page_number(request), NOTIFICATIONS_PAGE)
    template = template_for(request, "alignment/notifications.html", "panel")
    return render(request, template, {"page": page})


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go where it points."""
    note = _get_notification_for_user(request, pk)
    services.mark_notification_read(notification=note)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    return redirect("alignment:notification_list")


@require_POST
def notifications_read_all(request: HtmxHttpRequest) -> HttpResponse:
    person = roles.person_of(request.user)
    if person:
        services.mark_all_notifications_read(person=person)
    if request.htmx:
        return _notifications_page(request)
    return redirect("alignment:notification_list")


@login_not_required
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also remembers the choice for emails and notifications."""
    response = set_language(request)
    person = roles.person_of(request.user)
    language = request.POST.get("language", "")
    if person and language in dict(settings.LANGUAGES):
        services.remember_language(person=person, language=language)
    return response
