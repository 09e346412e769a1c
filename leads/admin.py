from django.contrib import admin

from leads.models import ApiToken, IdealCustomerProfile, Lead, Segment


class ProfileInline(admin.StackedInline):
    model = IdealCustomerProfile


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "active"]
    inlines = [ProfileInline]


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "stage", "created_at"]
    list_filter = ["stage"]
    raw_id_fields = ["owner"]
    show_full_result_count = False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "created_at", "expires_at", "revoked_at"]
    exclude = ["token_hash"]
