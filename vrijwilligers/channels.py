"""How a volunteer is asked and reminded: one pure rule that everything calls.

Each volunteer says how they want to be asked (`ContactChannel`): an e-mail with a link, a
text message they answer by replying, or a call from the desk. Inviting, reminders and the
questions after a task all ask `reach()` which way to go, so that a volunteer who wants a
call never gets an e-mail they will not read, and the phone round lists them instead.

A preference that cannot be served falls back, never to silence: e-mail without an address
goes by text message when there is a mobile number, else by a call; a text message without a
mobile number (a landline cannot receive one) goes by e-mail when there is an address, else by
a call. A call needs no number to be listed: the desk sees that one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.dutch import is_mobile


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("text message")
    CALL = "call", _("a call from the desk")


@dataclass(frozen=True)
class Reach:
    """The way to reach a volunteer now: the channel and the address (e-mail or number)."""

    channel: str
    address: str

    @property
    def is_call(self) -> bool:
        return self.channel == ContactChannel.CALL


def default_channel(*, email: str, phone: str) -> str:
    """Today's behaviour as a preference: e-mail when there is an address, a text message
    when there is a mobile number, else a call (used for volunteers who have not said)."""
    if email:
        return ContactChannel.EMAIL
    if is_mobile(phone or ""):
        return ContactChannel.SMS
    return ContactChannel.CALL


def reach(*, preferred: str, email: str, phone: str) -> Reach:
    """How to ask or remind a volunteer with this preference and these details (see the
    module's docstring for the fallbacks). Whether they may be asked at all (stopped,
    paused) is not this rule's business."""
    email = email or ""
    phone = phone or ""
    mobile = is_mobile(phone)
    if preferred == ContactChannel.EMAIL and email:
        return Reach(ContactChannel.EMAIL, email)
    if preferred == ContactChannel.SMS and mobile:
        return Reach(ContactChannel.SMS, phone)
    if preferred == ContactChannel.CALL:
        return Reach(ContactChannel.CALL, phone)
    # The preference cannot be served: the other written channel, else a call.
    if preferred == ContactChannel.EMAIL and mobile:
        return Reach(ContactChannel.SMS, phone)
    if preferred == ContactChannel.SMS and email:
        return Reach(ContactChannel.EMAIL, email)
    if preferred not in ContactChannel.values:
        fallback = default_channel(email=email, phone=phone)
        return reach(preferred=fallback, email=email, phone=phone)
    return Reach(ContactChannel.CALL, phone)


def reach_volunteer(volunteer) -> Reach:
    """`reach` for a loaded volunteer (anything with contact_channel, email and phone)."""
    return reach(
        preferred=getattr(volunteer, "contact_channel", "") or "",
        email=volunteer.email,
        phone=volunteer.phone,
    )
