from django.db import models
from django.utils.translation import gettext_lazy as _


class HelpCategory(models.Model):
    """A kind of help (vervoer, klus, tuin …), shared by requests and the volunteer registry.

    Configurable by the beheerder; the codes are stable identifiers used in imports and in
    the yearly overview, the names are what people read.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    is_transport = models.BooleanField(
        _("transport"),
        default=False,
        help_text=_("Requests of this kind are rides: pickup, destination and distance."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("help category")
        verbose_name_plural = _("help categories")

    def __str__(self):
        return self.name
