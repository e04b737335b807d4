from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VrijwilligersConfig(AppConfig):
    name = "vrijwilligers"
    verbose_name = _("Volunteers")

    def ready(self):
        from meldingen import registry

        from . import jobs, messages

        registry.register_jobs(jobs.JOBS)
        registry.register_messages(messages.MESSAGES)
