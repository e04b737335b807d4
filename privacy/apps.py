from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from meldingen import registry

        from . import jobs

        registry.register_jobs(jobs.JOBS)
