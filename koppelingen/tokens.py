"""Signed links in invitation e-mails.

The link names the invitation and the day it stops working; the signature makes it
unguessable and unchangeable. It opens that one invitation (and, once accepted, that one
task) without logging in: many volunteers are over 65 and a password is a real threshold.
A logged-in user who is not that volunteer gets a 404 like for anything else not theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core import signing

SALT = "koppelingen.invitation"


@dataclass(frozen=True)
class LinkPayload:
    invitation_id: int
    expires_on: date


def make_token(invitation_id: int, expires_on: date) -> str:
    """The same token for the same invitation and expiry: the link in the e-mail and the one
    on the volunteer's page are one link (no timestamp inside; the expiry is the payload's)."""
    return signing.Signer(salt=SALT).sign_object({"i": invitation_id, "e": expires_on.isoformat()})


def read_token(token: str) -> LinkPayload | None:
    """The payload of a genuine token (expired or not), or None for anything forged.

    Links sent before tokens became stable carry a timestamp; they are read as well."""
    for unsign in (
        signing.Signer(salt=SALT).unsign_object,
        lambda value: signing.loads(value, salt=SALT),
    ):
        try:
            data = unsign(token)
            return LinkPayload(int(data["i"]), date.fromisoformat(data["e"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            continue
    return None
