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
    return signing.dumps({"i": invitation_id, "e": expires_on.isoformat()}, salt=SALT)


def read_token(token: str) -> LinkPayload | None:
    """The payload of a genuine token (expired or not), or None for anything forged."""
    try:
        data = signing.loads(token, salt=SALT)
        return LinkPayload(int(data["i"]), date.fromisoformat(data["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
