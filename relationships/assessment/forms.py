import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.forms import DateInput, ModelMultipleChoiceField, not_in_the_past
from relationships.assessment import queries
from relationships.models import Statement

RATING_CHOICES = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    open_until = forms.DateField(
        label=_("Open until"),
        widget=DateInput(),
        help_text=_("Invitees can answer and change their answers until the end of this day."),
    )
    invitees = ModelMultipleChoiceField(
        label=_("Invitees"),
        queryset=queries.invitable_people(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Invite at least one person.")},
        help_text=_("Everyone in marketing and sales is invited unless you untick them."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitees"].queryset = queries.invitable_people()

    def clean_open_until(self) -> datetime.date:
        return not_in_the_past(
            self.cleaned_data["open_until"], _("The last day to answer cannot be in the past.")
        )


class AnswerForm(forms.Form):
    """One required 1–5 choice per statement of the round, and nothing else: values for
    statements that are not in the round are never read."""

    def __init__(self, *args, statements: list[Statement], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[self.field_name(statement.pk)] = forms.TypedChoiceField(
                label=statement.text,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how much you agree with this statement."),
                    "invalid_choice": _("Choose one of the five options, from 1 to 5."),
                },
            )

    @staticmethod
    def field_name(statement_id: int) -> str:
        return f"statement_{statement_id}"

    def by_theme(self) -> list[tuple]:
        """(theme, [(statement, bound field), …]) in questionnaire order."""
        groups: dict = {}
        for statement in self.statements:
            field = self[self.field_name(statement.pk)]
            groups.setdefault(statement.theme, []).append((statement, field))
        return list(groups.items())

    def missing(self) -> list[tuple]:
        """(statement, bound field) for each statement the posted form did not rate, for
        the links at the top of the page."""
        return [
            (statement, self[self.field_name(statement.pk)])
            for statement in self.statements
            if self.field_name(statement.pk) in self.errors
        ]

    def ratings(self) -> dict[int, int]:
        return {s.pk: self.cleaned_data[self.field_name(s.pk)] for s in self.statements}
