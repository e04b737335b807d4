"""What the Django admin may do with residents' and volunteers' data.

The admin is the beheerder's tool for configuration (villages, users, categories, reasons).
Residents' health and money notes never appear in it (in the app they sit behind the
resident's consent and the village's coordinators); logbooks and histories are for reading
only and cannot be deleted there, not even through the record they belong to. Every change a
beheerder makes in the admin is written to Django's admin log (`django_admin_log`), which the
admin shows read-only (Logboekregels).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.models import LogEntry as AdminAction


class ReadOnly:
    """Nothing added, changed or deleted here: to read only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A list and detail to read."""


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    """A logbook or history shown under its record, to read only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return list(self.get_fields(request, obj))


class KeepsItsLogbook:
    """A record with a logbook or history (a resident, a request, a volunteer): deleting it
    would delete the logbook with it, so the admin does not delete it. Erasing personal data
    goes through the app, which keeps what the law asks to keep."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdminAction)
class AdminActionAdmin(ReadOnlyAdmin):
    """Every addition, change and deletion made in the admin, with who and when."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"
