from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "koppelingen"
    verbose_name = _("Matching")

    def ready(self):
        from hulpvragen.signals import status_changed

        from . import services

        status_changed.connect(
            services.assignments_withdraw_on_status_change,
            dispatch_uid="koppelingen.assignments_withdraw_on_status_change",
        )
