"""The periodic job of the social map, registered with meldingen (see sociale_kaart.apps):
entries that need re-checking. Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Village
from meldingen.models import Todo
from meldingen.services import todo_add

from .models import Organisation


def stale_social_map(now: datetime) -> int:
    """Social-map entries not verified for 12 months become a to-do (once per check)."""
    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        for organisation in Organisation.objects.for_village(village).stale(today):
            with translation.override("nl"):
                title = _("Check the social map entry: %(name)s") % {"name": organisation.name}
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.STALE_SOCIAL_MAP,
                key=f"stale:{organisation.pk}:{village.pk}:{organisation.last_verified_on}",
                title=title,
                link=reverse("sociale_kaart:detail", args=[organisation.pk]),
                about={"organisation": organisation.pk},
                due_on=today,
            )
            added += created
    return added


JOBS = {"stale_social_map": stale_social_map}
