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

from datetime import timedelta

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


# The states of a year's round, as the round page shows them.
ROUND_NOT_STARTED = "not_started"
ROUND_RUNNING = "running"
ROUND_DONE = "done"


def round_state(*, started: bool, asked: int, answered: int) -> str:
    """Not started (no round this year), running (someone still has to answer) or done
    (everyone asked has answered, also when nobody needed asking). One state at a time, so
    the page never says "not started" and "everybody answered" together."""
    if not started:
        return ROUND_NOT_STARTED
    if answered >= asked:
        return ROUND_DONE
    return ROUND_RUNNING


def is_answer_late(*, asked_on, answered_on, flagged_on, weeks: int, today) -> bool:
    """An unanswered request is late once flagged, or once `weeks` weeks have passed since
    it was sent (the flag is set by the next run of the round; the page need not wait)."""
    if answered_on is not None:
        return False
    return flagged_on is not None or today >= asked_on + timedelta(weeks=weeks)
