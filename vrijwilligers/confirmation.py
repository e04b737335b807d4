"""Signed, expiring links for the yearly confirmation round.

The link in the e-mail carries the pk of one `ConfirmationRequest`, signed with the
project's SECRET_KEY (django.core.signing, own salt) and valid for CONFIRMATION_LINK_DAYS.

Why the page accepts the token without a login: the round asks every active volunteer,
and many have no account (or forgot the password). What the token allows is deliberately
small: it shows the first name, kinds of help and weekly pattern (no address, no phone,
no notes) and lets the volunteer say "still right" or write what has changed for the
coordinator. Changing the details themselves needs a login (self-service) or the
coordinator. So a forwarded or leaked link reveals little and changes nothing but the
confirmation date.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

SALT = "vrijwilligers.confirmation"
CONFIRMATION_LINK_DAYS = getattr(settings, "VOLUNTEER_CONFIRMATION_LINK_DAYS", 60)


def confirmation_token(request) -> str:
    """The token for one ConfirmationRequest (anything with a pk)."""
    return signing.dumps({"r": request.pk}, salt=SALT, compress=True)


def request_pk_from_token(token: str, *, max_age_days: int | None = None) -> int | None:
    """The ConfirmationRequest pk in a token, or None when it is forged or expired."""
    days = CONFIRMATION_LINK_DAYS if max_age_days is None else max_age_days
    try:
        data = signing.loads(token, salt=SALT, max_age=days * 24 * 60 * 60)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    pk = data.get("r") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None
