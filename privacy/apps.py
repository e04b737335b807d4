from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from hulpvragen import resident_locks
        from meldingen import registry

        from . import jobs, services

        registry.register_jobs(jobs.JOBS)
        registry.register_todo_residents("items", jobs.todo_residents_of_notice)
        resident_locks.register(services.erased_resident_refusal)
