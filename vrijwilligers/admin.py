from django.contrib import admin

from accounts.admin_rules import KeepsItsLogbook, ReadOnlyAdmin

from .models import (
    Absence,
    AvailabilitySlot,
    ConfirmationRound,
    Volunteer,
    VolunteerChange,
    VolunteerVillage,
)


class AvailabilitySlotInline(admin.TabularInline):
    model = AvailabilitySlot
    extra = 0


class VolunteerVillageInline(admin.TabularInline):
    model = VolunteerVillage
    fk_name = "volunteer"
    extra = 0
    # Agreements are made and ended in the app (the home desk's own page): shown, not edited.
    fields = ["helps_in", "max_km", "weekdays", "note", "agreed_on", "agreed_by", "ended_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0
    fields = ["starts_on", "ends_on", "note"]


@admin.register(Volunteer)
class VolunteerAdmin(KeepsItsLogbook, admin.ModelAdmin):
    # The coordinators' notes and the reason for a pause (often about health) stay in the app.
    exclude = ["coordinator_notes", "pause_note"]
    # Pausing and stopping go through the app (logins, invitations and links follow).
    readonly_fields = ["status", "paused_until", "stopped_on", "stop_reason"]
    list_display = ["last_name", "first_name", "village", "status", "last_confirmed_on"]
    list_filter = ["village", "status"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]
    inlines = [AvailabilitySlotInline, AbsenceInline, VolunteerVillageInline]


@admin.register(VolunteerChange)
class VolunteerChangeAdmin(ReadOnlyAdmin):
    """The volunteer's history: append-only."""

    list_display = ["volunteer", "kind", "by", "by_volunteer", "at"]
    list_filter = ["kind", "by_volunteer"]


@admin.register(ConfirmationRound)
class ConfirmationRoundAdmin(admin.ModelAdmin):
    list_display = ["village", "year", "started_on", "respond_within_weeks"]
