"""The social map's message: "Klopt dit nog?" to an organisation's contact person, registered
as an outbox kind (see sociale_kaart.apps). Rendered from the check's id when it is sent (the
signed link is made then, not stored), and cancelled when the round was answered already."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from meldingen.messages import Message

from .checks import CHECK_LINK_DAYS, check_token
from .models import EntryCheck


def build_entry_check(context) -> Message | None:
    check = (
        EntryCheck.objects.select_related("organisation", "village", "contact")
        .filter(pk=context.get("check"), answered_at__isnull=True)
        .first()
    )
    if check is None or check.organisation.is_archived:
        return None
    path = reverse("sociale_kaart:check_token", args=[check_token(check)])
    with translation.override("nl"):
        subject = _(
            "Is this still right? Your entry on the social map of Dorpsloket %(village)s"
        ) % {"village": check.village.name}
        values = {
            "subject": subject,
            "check": check,
            "organisation": check.organisation,
            "name": check.contact.name if check.contact else "",
            "village": check.village,
            "village_name": check.village.name,
            "url": f"{settings.SITE_URL}{path}",
            "days": CHECK_LINK_DAYS,
        }
        return Message(
            subject=subject,
            text=render_to_string("sociale_kaart/email/entry_check.txt", values),
            html=render_to_string("sociale_kaart/email/entry_check.html", values),
        )


MESSAGES = {"entry_check": build_entry_check}
