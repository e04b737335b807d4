from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UitleenConfig(AppConfig):
    name = "uitleen"
    verbose_name = _("Lending and handouts")

    def ready(self):
        from meldingen import registry

        from . import jobs

        registry.register_jobs(jobs.JOBS)
