from django.contrib import admin

from .models import Notification, Todo, VillageSettings


@admin.register(VillageSettings)
class VillageSettingsAdmin(admin.ModelAdmin):
    list_display = ["village", "reminder_hour", "same_day_reminder_hour", "follow_up_days"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the app; the admin is for looking into it."""

    list_display = ["template", "recipient", "channel", "status", "due_at", "attempts"]
    list_filter = ["status", "channel", "template"]
    search_fields = ["recipient", "idempotency_key"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Todo)
class TodoAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "village", "due_on", "done_at"]
    list_filter = ["kind", "village"]
    search_fields = ["title"]
