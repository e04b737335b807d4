from django.contrib import admin

from accounts.access_log import LogsResidentReads
from accounts.admin_rules import KeepsItsLogbook, ReadOnlyInline

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


class ConsentInline(ReadOnlyInline):
    """Consent is recorded and withdrawn in the app, with the resident; here it is shown."""

    model = ConsentRecord
    fields = ["purpose", "given_on", "recorded_by", "note", "withdrawn_on"]


@admin.register(Resident)
class ResidentAdmin(LogsResidentReads, KeepsItsLogbook, admin.ModelAdmin):
    resident_field = ""
    # Never in the admin: the notes on health and money (the app shows them to the village's
    # coordinators, and only with the resident's consent).
    exclude = ["health_notes", "money_notes"]
    list_display = ["__str__", "street", "house_number", "postcode", "village"]
    list_filter = ["village"]
    search_fields = ["last_name", "first_name", "street", "postcode"]
    inlines = [ConsentInline]
    raw_id_fields = ["created_by"]


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange  # status changes go through the service only
    fields = ["at", "by", "from_status", "kind", "reason", "text"]


@admin.register(HelpRequest)
class HelpRequestAdmin(LogsResidentReads, KeepsItsLogbook, admin.ModelAdmin):
    list_display = ["__str__", "status", "urgency", "created_at", "village"]
    list_filter = ["village", "status", "category", "urgency"]
    search_fields = ["resident__last_name", "description"]
    # The status is read-only here: only help_request_transition changes it (with a logbook row).
    readonly_fields = ["status", "status_changed_at", "outcome", "referred_at"]
    raw_id_fields = ["resident", "assigned_to", "created_by", "referred_to", "referred_by"]
    raw_id_fields += ["destination"]
    inlines = [StatusChangeInline]
