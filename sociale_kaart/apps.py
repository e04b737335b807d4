from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "sociale_kaart"
    verbose_name = _("Social map")

    def ready(self):
        from meldingen import registry

        from . import jobs, messages, search_index

        registry.register_jobs(jobs.JOBS)
        registry.register_messages(messages.MESSAGES)
        search_index.connect()
