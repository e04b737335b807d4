from django.contrib import admin

from accounts.admin_rules import ReadOnlyAdmin

from .models import Erasure, RetentionSettings


@admin.register(RetentionSettings)
class RetentionSettingsAdmin(admin.ModelAdmin):
    """The beheerder sets a village's retention periods (the defaults apply without a row)."""

    list_display = ["village", "resident_months", "volunteer_months", "signal_months"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ["at", "village", "kind", "object_id", "reason", "by"]
    list_filter = ["kind", "reason", "village"]
