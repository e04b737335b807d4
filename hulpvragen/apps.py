from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = _("Help requests")

    def ready(self):
        from meldingen import registry
        from meldingen.models import Todo

        from . import jobs, messages

        for name, job in jobs.JOBS.items():
            registry.register_job(name, job)
        for name, builder in messages.MESSAGES.items():
            registry.register_message(name, builder)
        registry.register_todo_done(jobs.review_done, kinds=[Todo.Kind.REVIEW])
