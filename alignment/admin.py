from django.contrib import admin

from alignment.models import Person, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "role", "job_title", "is_liaison"]
    list_filter = ["team", "role", "is_liaison"]
    search_fields = ["user__first_name", "user__last_name", "expertise", "covers"]
    list_select_related = ["user", "team"]
