from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Notifications and to-dos")

    def ready(self):
        from accounts.outgoing import register_password_reset_sender

        from . import (
            account_mail,
            checks,  # noqa: F401 - registers the delivery check
            registry,
        )

        register_password_reset_sender(account_mail.password_reset_enqueue)
        registry.register_message("password_reset", account_mail.build_password_reset)
