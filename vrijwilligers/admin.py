from django.contrib import admin

from .models import Absence, AvailabilitySlot, ConfirmationRound, Volunteer, VolunteerChange


class AvailabilitySlotInline(admin.TabularInline):
    model = AvailabilitySlot
    extra = 0


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0
    fields = ["starts_on", "ends_on", "note"]


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "village", "status", "last_confirmed_on"]
    list_filter = ["village", "status"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]
    inlines = [AvailabilitySlotInline, AbsenceInline]


@admin.register(VolunteerChange)
class VolunteerChangeAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "kind", "by", "by_volunteer", "at"]
    list_filter = ["kind", "by_volunteer"]
    raw_id_fields = ["volunteer"]

    def has_change_permission(self, request, obj=None):
        return False  # history is append-only


@admin.register(ConfirmationRound)
class ConfirmationRoundAdmin(admin.ModelAdmin):
    list_display = ["village", "year", "started_on", "respond_within_weeks"]
