from django.contrib import admin
from django_celery_beat.models import PeriodicTask

from accounts.admin_rules import ReadOnlyAdmin

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


# The periodic jobs are defined in code and written to django-celery-beat's tables when beat
# starts. The admin shows them but does not edit them: a schedule changed by hand would be
# overwritten, and django-celery-beat's own edit pages use inline scripts, which the
# Content-Security-Policy refuses.
for model in admin.site._registry.copy():
    if model._meta.app_label == "django_celery_beat":
        admin.site.unregister(model)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(ReadOnlyAdmin):
    list_display = ["name", "task", "crontab", "interval", "enabled", "last_run_at"]
    readonly_fields = [field.name for field in PeriodicTask._meta.fields]
