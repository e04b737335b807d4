from django.contrib import admin

from .models import ConsentRecord, HelpCategory, HelpRequest, ReasonCode, Resident, StatusChange


@admin.register(HelpCategory)
class HelpCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_transport", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(ReasonCode)
class ReasonCodeAdmin(admin.ModelAdmin):
    """The beheerder keeps the reasons; codes stay stable for the yearly overview."""

    list_display = ["label", "code", "applies_to", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["applies_to", "is_active"]


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    fields = ["purpose", "given_on", "recorded_by", "note", "withdrawn_on"]
    raw_id_fields = ["recorded_by"]


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "street", "house_number", "postcode", "village"]
    list_filter = ["village"]
    search_fields = ["last_name", "first_name", "street", "postcode"]
    inlines = [ConsentInline]
    raw_id_fields = ["created_by"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "from_status", "kind", "reason", "text"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False  # status changes go through the service only


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "urgency", "created_at", "village"]
    list_filter = ["village", "status", "category", "urgency"]
    search_fields = ["resident__last_name", "description"]
    # The status is read-only here: only help_request_transition changes it (with a logbook row).
    readonly_fields = ["status", "status_changed_at", "outcome", "referred_at"]
    raw_id_fields = ["resident", "assigned_to", "created_by", "referred_to", "referred_by"]
    raw_id_fields += ["destination"]
    inlines = [StatusChangeInline]
