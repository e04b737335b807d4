""" "Klopt dit nog?": organisations check their own social-map entry. Pure rules.

Once an entry is stale (freshness.py: not verified for 12 months — so at the latest once a
year), the job asks the organisation's contact person by e-mail to look at the entry through
a signed link. The link needs no login: the contact person is not a user. What it allows is
deliberately small: it shows the public details of that one entry (what residents may read
anyway, never a contact person's details) and lets them say "still right" or propose a
correction of those fields. A correction changes nothing by itself: a coordinator accepts or
rejects it. The link is valid for CHECK_LINK_DAYS and for one answer (the round is closed
once answered), so a forwarded or leaked link can at most propose one correction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing

from .freshness import is_stale

SALT = "sociale_kaart.entry_check"
CHECK_LINK_DAYS = getattr(settings, "SOCIAL_MAP_CHECK_LINK_DAYS", 60)
# An entry still stale after a round is asked again only after this many days.
ASK_AGAIN_AFTER_DAYS = 60

# The only fields the public form shows and accepts (anything else in a POST is ignored).
PUBLIC_FIELDS = [
    "name",
    "services",
    "street_address",
    "postcode",
    "town",
    "phone",
    "email",
    "website",
    "opening_hours_note",
    "how_to_refer",
]


def check_token(check) -> str:
    """The token for one EntryCheck (anything with a pk)."""
    return signing.dumps({"c": check.pk}, salt=SALT, compress=True)


def check_pk_from_token(token: str, *, max_age_days: int | None = None) -> int | None:
    """The EntryCheck pk in a token, or None when it is forged, altered or expired."""
    days = CHECK_LINK_DAYS if max_age_days is None else max_age_days
    try:
        data = signing.loads(token, salt=SALT, max_age=days * 24 * 60 * 60)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    pk = data.get("c") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None


def check_recipient(contacts, organisation_email: str):
    """Whom to ask: (contact person or None, e-mail address), or None when nobody has one.

    The fixed contact person first ("een vaste contactpersoon"), then any other contact
    person with an e-mail address (by name), then the organisation's general address.
    """
    with_email = [c for c in contacts if c.email]
    with_email.sort(key=lambda c: (not c.is_fixed_contact, c.name.lower()))
    if with_email:
        return with_email[0], with_email[0].email
    if organisation_email:
        return None, organisation_email
    return None


def needs_asking(
    *, last_verified_on: date | None, last_asked_at: datetime | None, today: date
) -> bool:
    """Ask the organisation when the entry is stale and it was not asked in the last
    ASK_AGAIN_AFTER_DAYS days (an open round is not repeated every night)."""
    if not is_stale(last_verified_on, today):
        return False
    return last_asked_at is None or last_asked_at.date() <= today - timedelta(
        days=ASK_AGAIN_AFTER_DAYS
    )


def is_link_open(*, asked_at: datetime, answered_at: datetime | None, now: datetime) -> bool:
    """A round takes one answer, within CHECK_LINK_DAYS of asking."""
    return answered_at is None and now < asked_at + timedelta(days=CHECK_LINK_DAYS)


def proposed_changes(current: dict, proposed: dict) -> dict:
    """{field: [current, proposed]} for the public fields whose value differs (surrounding
    spaces ignored); fields outside PUBLIC_FIELDS are never part of a proposal."""
    changes = {}
    for name in PUBLIC_FIELDS:
        if name not in proposed:
            continue
        old = (current.get(name) or "").strip()
        new = (proposed.get(name) or "").strip()
        if old != new:
            changes[name] = [old, new]
    return changes
