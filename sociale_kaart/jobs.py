"""The periodic jobs of the social map, registered with meldingen (see sociale_kaart.apps):
entries that need re-checking become a to-do, and their organisations are asked "Klopt dit
nog?". Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Village
from meldingen.models import Todo
from meldingen.services import todo_add

from .checks import needs_asking
from .models import ContactPerson, Organisation
from .services import entry_check_send


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


def ask_organisations(now: datetime) -> int:
    """E-mail "Klopt dit nog?" to every stale entry's organisation that was not asked in
    the last checks.ASK_AGAIN_AFTER_DAYS days and has an e-mail address. An entry serves
    several villages; the first of them (by name) asks. Returns the number asked."""
    today = timezone.localdate(now)
    candidates = (
        Organisation.objects.filter(is_archived=False)
        .stale(today)
        .annotate(last_asked_at=Max("checks__asked_at"))
        .prefetch_related(
            Prefetch("contacts", queryset=ContactPerson.objects.all()),
            Prefetch("villages", queryset=Village.objects.order_by("name")),
        )
        .order_by("pk")
    )
    asked = 0
    for organisation in candidates:
        villages = list(organisation.villages.all())
        if not villages or not needs_asking(
            last_verified_on=organisation.last_verified_on,
            last_asked_at=organisation.last_asked_at,
            today=today,
        ):
            continue
        if entry_check_send(organisation=organisation, village=villages[0], now=now):
            asked += 1
    return asked


JOBS = {"stale_social_map": stale_social_map, "ask_organisations": ask_organisations}
