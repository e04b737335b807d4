from django.contrib import admin

from accounts.admin_rules import ReadOnlyAdmin

from .models import (
    ContactPerson,
    OpeningPeriod,
    Organisation,
    OrganisationDistance,
    OrganisationLogEntry,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"code": ["name"]}


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class OpeningPeriodInline(admin.TabularInline):
    model = OpeningPeriod
    extra = 0


class OrganisationDistanceInline(admin.TabularInline):
    model = OrganisationDistance
    extra = 0
    autocomplete_fields = ["village"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "town", "last_verified_on", "is_archived"]
    list_filter = ["kind", "themes", "villages", "is_archived", "is_transport_destination"]
    search_fields = ["name", "services", "town"]
    filter_horizontal = ["themes", "villages"]
    readonly_fields = ["last_verified_on", "last_verified_by", "archived_at"]
    inlines = [OrganisationDistanceInline, OpeningPeriodInline, ContactPersonInline]

    def has_delete_permission(self, request, obj=None):
        # Referrals and signals point at organisations: archive instead.
        return False


@admin.register(OrganisationLogEntry)
class OrganisationLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "organisation", "kind", "by", "village"]
    list_filter = ["kind"]
