from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterenConfig(AppConfig):
    name = "importeren"
    verbose_name = _("Importing spreadsheets")

    def ready(self):
        from meldingen import registry

        from . import uploads

        registry.register_jobs(uploads.JOBS)
