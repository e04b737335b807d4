from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DorpsloketConfig(AppConfig):
    """The project's own pieces that belong to no domain app: the worker's heartbeat, the
    health checks, backups."""

    name = "dorpsloket"
    verbose_name = _("Installation")

    def ready(self):
        from meldingen import registry

        from . import checks, health  # noqa: F401 (checks registers itself)

        registry.register_jobs({"heartbeat": health.beat_heart})
