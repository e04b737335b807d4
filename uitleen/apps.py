from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UitleenConfig(AppConfig):
    name = "uitleen"
    verbose_name = _("Lending and handouts")

    def ready(self):
        from meldingen import registry

        from . import jobs

        registry.register_jobs(jobs.JOBS)
        registry.register_todo_residents("loan", todo_residents_of_loans)


def todo_residents_of_loans(values):
    from .models import Loan

    return Loan.objects.filter(pk__in=values).values_list("resident_id", flat=True)
