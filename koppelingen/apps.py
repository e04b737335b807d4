from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "koppelingen"
    verbose_name = _("Matching")

    def ready(self):
        from hulpvragen.signals import status_changed
        from meldingen import registry
        from meldingen.models import Todo

        from . import jobs, messages, services, sms_in

        registry.register_jobs(jobs.JOBS)
        registry.register_messages(messages.MESSAGES)
        for name, many in messages.MANY.items():
            registry.register_message_many(name, many)
        registry.register_todo_link(Todo.Kind.FOLLOW_UP, jobs.follow_up_link)
        registry.register_todo_done(services.todo_done_log)
        registry.register_inbound_sms(sms_in.sms_reply_received)
        status_changed.connect(
            services.assignments_withdraw_on_status_change,
            dispatch_uid="koppelingen.assignments_withdraw_on_status_change",
        )
