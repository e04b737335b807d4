from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = _("Help requests")

    def ready(self):
        from meldingen import registry
        from meldingen.models import Todo

        from . import jobs, messages

        registry.register_jobs(jobs.JOBS)
        registry.register_messages(messages.MESSAGES)
        registry.register_todo_done(jobs.review_done, kinds=[Todo.Kind.REVIEW])
        registry.register_todo_link(Todo.Kind.ACCESS_REVIEW, jobs.access_review_link)
        registry.register_todo_residents("resident", todo_residents_themselves)
        registry.register_todo_residents("help_request", todo_residents_of_requests)


def todo_residents_themselves(values):
    return [int(value) for value in values]


def todo_residents_of_requests(values):
    from .models import HelpRequest

    return HelpRequest.objects.filter(pk__in=values).values_list("resident_id", flat=True)
