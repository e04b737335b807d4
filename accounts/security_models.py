"""The security log: what happened to logins, second factors and sessions (issue 14).

Failed and successful logins and lockouts are django-axes' own records (AccessAttempt,
AccessFailureLog, AccessLog); this table holds the rest, one row per event.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        SECOND_FACTOR_SET_UP = "second_factor_set_up", _("two-step login set up")
        SECOND_FACTOR_RESET = "second_factor_reset", _("two-step login reset by a beheerder")
        SECOND_FACTOR_TURNED_OFF = "second_factor_turned_off", _("two-step login turned off")
        RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("new recovery codes made")
        RECOVERY_CODE_USED = "recovery_code_used", _("logged in with a recovery code")
        WRONG_CODE = "wrong_code", _("wrong code at the second step of the login")
        LOGGED_OUT_EVERYWHERE = "logged_out_everywhere", _("logged out everywhere")
        DEACTIVATED = "deactivated", _("account switched off, sessions ended")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("password reset requested")
        PASSWORD_RESET_HELD_BACK = (
            "password_reset_held_back",
            _("password reset e-mail held back (too many this hour)"),
        )

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("what"), max_length=40, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("user"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    email = models.CharField(_("e-mail address typed"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        indexes = [models.Index(fields=["kind", "email", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user or self.email}"
