"""Admin pieces for account security: the beheerder resets a second factor (an action on users) and
reads the security log. The device admins of django-otp are taken away: they show the
secret keys, and with a key anyone can make the codes."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_rules import ReadOnlyAdmin
from .security_models import SecurityEvent


def unregister_device_admins() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


@admin.action(description=_("Reset two-step login (lost phone)"))
def reset_second_factor(modeladmin, request, queryset):
    from .two_factor import second_factor_reset

    users = list(queryset)
    for user in users:
        second_factor_reset(user=user, by=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "Two-step login reset for %(count)d user: they set it up again at their next login.",
            "Two-step login reset for %(count)d users: they set it up again at their next login.",
            len(users),
        )
        % {"count": len(users)},
        messages.SUCCESS,
    )


class SecurityEventAdmin(ReadOnlyAdmin):
    """Read-only: a log is not edited."""

    model = SecurityEvent
    list_display = ["at", "kind", "user", "by", "email", "ip_address", "note"]
    list_filter = ["kind"]
    search_fields = ["user__email", "email", "ip_address"]
    date_hierarchy = "at"
