import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from alignment import directory_filters
from alignment.models import Person, Role, TeamCode
from alignment.photos import MAX_PHOTO_BYTES, MAX_PHOTO_SIDE, validate_photo
from alignment.text import no_control_characters

# Django's own empty choice of a select (a model field with choices, a ModelChoiceField
# without an empty_label of its own) has no Dutch in Django's catalogue; naming it here puts
# it in ours, which Django reads first. Forms still give a clearer label where they can.
gettext_noop("- Select an option -")


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, expertise or segment")}
        ),
    )
    team = forms.ChoiceField(
        label=_("Team"),
        required=False,
        choices=[("", _("All teams")), *TeamCode.choices],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for extra in directory_filters.registered():
            self.fields[extra.name] = extra.field()

    def values(self) -> tuple[str, str, dict]:
        """(team, words, the apps' filters): a value that is not valid is left out, the
        others still apply."""
        self.is_valid()
        data = self.cleaned_data
        extras = {
            extra.name: data[extra.name]
            for extra in directory_filters.registered()
            if data.get(extra.name) not in (None, "")
        }
        return data.get("team", ""), data.get("q", ""), extras


class OwnCardForm(forms.Form):
    """What anybody may change on their own card."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[no_control_characters]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, required=False, validators=[no_control_characters]
    )
    email = forms.EmailField(label=_("Email"))
    job_title = forms.CharField(
        label=_("Job title"), max_length=120, required=False, validators=[no_control_characters]
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, validators=[no_control_characters]
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=300,
        required=False,
        help_text=Person._meta.get_field("expertise").help_text,
        validators=[no_control_characters],
    )
    covers = forms.CharField(
        label=_("Also covers"),
        max_length=300,
        required=False,
        # The segments someone sells to are set in the segment editor and shown on the
        # card as links; this free text is for the rest.
        help_text=_(
            "Key accounts, regions or markets you also look after. Your segments are set on "
            "the segments page and shown on your card."
        ),
        validators=[no_control_characters],
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        validators=[validate_photo],
        help_text=_("At most %(size)d MB and %(side)d pixels wide and high.")
        % {"size": MAX_PHOTO_BYTES // 1024 // 1024, "side": MAX_PHOTO_SIDE},
    )

    USER_FIELDS = ("first_name", "last_name", "email")


class ManagedCardForm(OwnCardForm):
    """A manager also sets the role, the team and the liaison flag."""

    role = forms.ChoiceField(label=_("Role"))
    team = forms.ChoiceField(label=_("Team"))
    is_liaison = forms.BooleanField(
        label=_("Liaison"),
        required=False,
        help_text=Person._meta.get_field("is_liaison").help_text,
    )

    def __init__(self, *args, roles: list[Role], teams: list[TeamCode], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["team"].choices = [(team.value, team.label) for team in teams]


def initial_for(person: Person) -> dict:
    return {
        "first_name": person.user.first_name,
        "last_name": person.user.last_name,
        "email": person.user.email,
        "job_title": person.job_title,
        "phone": person.phone,
        "expertise": person.expertise,
        "covers": person.covers,
        "role": person.role,
        "team": person.team.code if person.team else "",
        "is_liaison": person.is_liaison,
        "photo": person.photo,  # so the field offers to remove it
    }


# The largest id a database column holds (a 64-bit integer).
MAX_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id no column can hold is an invalid value before it reaches a query:
    SQLite raises OverflowError for an integer over 64 bits in an IN list."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.isdecimal() and (len(text) > len(str(MAX_ID)) or int(text) > MAX_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20] + "…"},
                )
        return super()._check_values(value)


class FormRenderer(TemplatesSetting):
    """Every form and field of the app renders through one pair of templates; a select
    is written in Python (select_html)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"

    def render(self, template_name, context, request=None):
        if template_name == forms.Select.template_name:
            return select_html(context["widget"])
        return super().render(template_name, context, request)


def select_html(widget: dict) -> SafeString:
    """Django's select template, written in Python: an option cost ~0.1 ms through the
    template, so a form with a few hundred campaigns to choose from took 40 ms."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        html = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
        )
        if group_name:
            html = format_html('<optgroup label="{}">{}</optgroup>', group_name, html)
        groups.append(html)
    options = format_html_join("", "{}", ((group,) for group in groups))
    return format_html(
        '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
    )


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def not_in_the_past(value: datetime.date, message: str) -> datetime.date:
    if value < timezone.localdate():
        raise forms.ValidationError(message)
    return value


def errors_in_words(form: forms.Form) -> str:
    """Every error of a form in one line, for a message where the form itself is not shown
    again (a bulk action, a line added from a list)."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def show_service_errors(error: ValidationError, *forms_: forms.Form) -> None:
    """A service's refusal on the form(s) of a page: each error at the field it names, in
    the first form that has that field, or else above the first form."""
    if not hasattr(error, "error_dict"):
        forms_[0].add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form = next((f for f in forms_ if field in f.fields), forms_[0])
        form.add_error(field if field in form.fields else None, errors)
