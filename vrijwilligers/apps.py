from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VrijwilligersConfig(AppConfig):
    name = "vrijwilligers"
    verbose_name = _("Volunteers")
