from django.contrib import admin

from leads.models import (
    AgreementApproval,
    ApiToken,
    HandoffAgreement,
    IdealCustomerProfile,
    Lead,
    LeadEvent,
    Segment,
)


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


class ApprovalInline(admin.TabularInline):
    model = AgreementApproval
    extra = 0
    readonly_fields = ["team", "by", "at"]
    can_delete = False


@admin.register(HandoffAgreement)
class HandoffAgreementAdmin(admin.ModelAdmin):
    """For looking up versions; drafting and approving happen in the app, where both
    managers' approvals are enforced."""

    list_display = ["__str__", "status", "created_at", "activated_at"]
    list_filter = ["status"]
    inlines = [ApprovalInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(LeadEvent)
class LeadEventAdmin(admin.ModelAdmin):
    list_display = ["lead", "kind", "from_stage", "to_stage", "by", "at"]
    list_filter = ["kind", "to_stage"]
    raw_id_fields = ["lead", "by", "assigned_to"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the timeline is a record of what happened
