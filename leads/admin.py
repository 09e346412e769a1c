"""The leads app in Django's admin: for looking things up. Every change goes through the
app, whose services write the timeline, run the SLA clocks, rescore leads and ask both
managers' approval; the admin could do none of that, so it only reads."""

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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ProfileInline(admin.StackedInline):
    model = IdealCustomerProfile
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Segment)
class SegmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "active"]
    inlines = [ProfileInline]


@admin.register(Lead)
class LeadAdmin(ReadOnlyAdmin):
    list_display = ["email", "company", "stage", "created_at"]
    list_filter = ["stage"]
    search_fields = ["email"]
    show_full_result_count = False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "created_at", "expires_at", "revoked_at"]
    exclude = ["token_hash"]


class ApprovalInline(admin.TabularInline):
    model = AgreementApproval
    extra = 0
    readonly_fields = ["team", "by", "at"]
    can_delete = False


@admin.register(HandoffAgreement)
class HandoffAgreementAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "created_at", "activated_at"]
    list_filter = ["status"]
    inlines = [ApprovalInline]


@admin.register(LeadEvent)
class LeadEventAdmin(ReadOnlyAdmin):
    list_display = ["lead", "kind", "from_stage", "to_stage", "by", "at"]
    list_filter = ["kind", "to_stage"]
    show_full_result_count = False
