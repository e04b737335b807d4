"""The texts a resident agrees to when the desk records their consent, versioned.

Each consent record stores the version id of the text that was read to (or by) the resident,
so that years later the desk can show what exactly was agreed. A text is never changed in
place: a new wording gets a new version id here, becomes the current one for its purpose,
and the old one stays so that older records can still show theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

HEALTH_NOTES = "health_notes"
MONEY_NOTES = "money_notes"
SHARE = "share"


@dataclass(frozen=True)
class ConsentText:
    version: str
    purpose: str
    text: Promise


CONSENT_TEXTS: dict[str, ConsentText] = {
    text.version: text
    for text in [
        ConsentText(
            "health-2026-1",
            HEALTH_NOTES,
            _(
                "You agree that the desk writes down what you tell us about your health, as far "
                "as it matters for the help you ask for. Only the desk's coordinators can read "
                "it; volunteers do not see it. You can withdraw this consent at any time, by "
                "phone or at the desk; the notes are then deleted."
            ),
        ),
        ConsentText(
            "money-2026-1",
            MONEY_NOTES,
            _(
                "You agree that the desk writes down what you tell us about money matters, as far "
                "as it matters for the help you ask for. Only the desk's coordinators can read "
                "it; volunteers do not see it. You can withdraw this consent at any time, by "
                "phone or at the desk; the notes are then deleted."
            ),
        ),
        ConsentText(
            "share-2026-1",
            SHARE,
            _(
                "You agree that the desk passes on your name, address and question to an "
                "organisation that can help you (for example the municipality's Wmo desk), and "
                "only what that organisation needs. You can withdraw this consent at any time; "
                "nothing more is passed on after that."
            ),
        ),
    ]
}

CURRENT_VERSION: dict[str, str] = {
    HEALTH_NOTES: "health-2026-1",
    MONEY_NOTES: "money-2026-1",
    SHARE: "share-2026-1",
}


def current_text(purpose: str) -> ConsentText:
    """The wording a resident agrees to today for this purpose."""
    return CONSENT_TEXTS[CURRENT_VERSION[purpose]]


def text_of(version: str) -> ConsentText | None:
    """The wording of a stored version; None for records from before texts were versioned."""
    return CONSENT_TEXTS.get(version)
