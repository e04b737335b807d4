"""Roles, defined once.

Every capability check in the project goes through `Access` (see accounts.access); nothing
else compares role strings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BEHEERDER = "beheerder", _("administrator")
    COORDINATOR = "coordinator", _("coordinator")
    VOLUNTEER = "volunteer", _("volunteer")
    READER = "reader", _("reader (sounding-board group)")
