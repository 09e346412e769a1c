from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alignment.models import Notification, Person, Team

admin.site.site_header = _("Alignment administration")
admin.site.site_title = _("Alignment administration")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "role", "job_title", "is_liaison"]
    list_filter = ["team", "role", "is_liaison"]
    search_fields = ["user__first_name", "user__last_name", "expertise", "covers"]
    list_select_related = ["user", "team"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient__user"]
