from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, User, Village
from .security_admin import SecurityEventAdmin, reset_second_factor, unregister_device_admins

unregister_device_admins()
admin.site.register(SecurityEventAdmin.model, SecurityEventAdmin)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["village"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "postcodes", "desk_phone_display", "desk_email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("phone number of the desk"))
    def desk_phone_display(self, village):
        return village.desk_phone_display


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "memberships__role"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    actions = [reset_second_factor]

    def save_model(self, request, obj, form, change):
        switched_off = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if switched_off:
            from .security import user_deactivated

            ended = user_deactivated(user=obj, by=request.user)
            self.message_user(
                request, _("%(count)s sessions ended.") % {"count": ended}, messages.INFO
            )

    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
