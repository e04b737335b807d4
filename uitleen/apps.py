from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UitleenConfig(AppConfig):
    name = "uitleen"
    verbose_name = _("Lending and handouts")
