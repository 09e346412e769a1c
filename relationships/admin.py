"""Admin for the questionnaire (the statements are data an administrator maintains),
rounds and action items. Individual answers are deliberately not in the admin."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from relationships.assessment import services
from relationships.models import ActionItem, Questionnaire, Round, Statement, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name_nl", "name_en"]
    list_display_links = ["code"]


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    fields = ["position", "theme", "text_nl", "text_en"]

    # A version that rounds were answered on is frozen: edit a copy instead.
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return obj is None or not obj.is_in_use

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return obj is None or not obj.is_in_use

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return obj is None or not obj.is_in_use


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["version", "is_published", "note", "created_at"]
    inlines = [StatementInline]
    actions = ["copy_as_new_version"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        if obj is not None and obj.is_in_use:
            # Publishing stays possible, so an old version can be withdrawn from new rounds.
            return ["version", "note", "created_at"]
        return []

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return obj is None or not obj.is_in_use

    @admin.action(description=_("Copy as a new, unpublished version to edit"))
    def copy_as_new_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        for questionnaire in queryset:
            copy = services.copy_questionnaire(questionnaire=questionnaire)
            self.message_user(
                request,
                _("Version %(version)s is ready to edit; publish it when it is done.")
                % {"version": copy.version},
                messages.SUCCESS,
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rounds and action items change in the app, whose services keep their rules (who may
    close a round, who may complete an item, when); the admin only shows them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "questionnaire", "opened_at", "open_until", "closed_at"]


@admin.register(ActionItem)
class ActionItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner", "due_date", "status", "source", "source_round"]
    list_filter = ["status", "source"]
    list_select_related = ["owner__user", "source_round"]
    search_fields = ["title", "description"]
    raw_id_fields = ["owner", "created_by", "source_round"]
