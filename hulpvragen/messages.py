"""The messages of help requests, registered as outbox message kinds (see hulpvragen.apps):
the e-mail to the coordinators about a request that waits too long. Rendered from ids when
it is sent; cancelled (None) when the request no longer waits."""

from __future__ import annotations

from django.conf import settings

from meldingen.messages import Message, render

from .lifecycle import WAITING_STATUSES
from .models import HelpRequest


def build_escalation(context) -> Message | None:
    request = (
        HelpRequest.objects.select_related("resident", "category", "village")
        .filter(pk=context.get("help_request"), status__in=WAITING_STATUSES)
        .first()
    )
    if request is None:
        return None
    return render(
        "hulpvragen/email/escalation",
        {
            "request": request,
            "site_url": settings.SITE_URL,
            "village": request.village,
            "village_name": request.village.name,
        },
    )


MESSAGES = {"escalation": build_escalation}
