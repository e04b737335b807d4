"""The e-mail of accounts (a new password), sent through the outbox like every other one:
accounts hands the user over (accounts.outgoing), the row stores only the user's id, and the
link with its one-time token is made when the message is sent."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Membership, User

from .messages import Message
from .models import Notification
from .services import notification_schedule, send_soon


def password_reset_enqueue(user) -> Notification:
    """Put the "choose a new password" e-mail for this user in the outbox (one per request;
    the reset view limits how many are asked)."""
    now = timezone.now()
    membership = Membership.objects.filter(user=user).select_related("village").first()
    row, _created = notification_schedule(
        key=f"password-reset:{user.pk}:{uuid.uuid4().hex}",
        village=membership.village if membership else None,
        channel=Notification.Channel.EMAIL,
        recipient=user.email,
        recipient_name=user.full_name,
        template="password_reset",
        context={"user": user.pk},
        due_at=now,
    )
    send_soon(row.pk)
    return row


def build_password_reset(context) -> Message | None:
    user = User.objects.filter(pk=context.get("user"), is_active=True).first()
    if user is None:
        return None
    site = urlsplit(settings.SITE_URL)
    values = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": "Dorpsloket",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
    }
    # The desk under the e-mail: the first village the user works for (none for a beheerder
    # without a village: then just "Dorpsloket").
    membership = user.memberships.select_related("village").order_by("pk").first()
    values["village"] = membership.village if membership else None
    values["village_name"] = membership.village.name if membership else ""
    with translation.override("nl"):
        subject = "".join(
            render_to_string("registration/password_reset_subject.txt", values).splitlines()
        )
        values["subject"] = subject
        return Message(
            subject=subject,
            text=render_to_string("registration/password_reset_email.txt", values),
            html=render_to_string("registration/password_reset_email.html", values),
        )
