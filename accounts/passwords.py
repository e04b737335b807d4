"""Password rules beyond Django's own validators (issue 14).

`RoleMinimumLengthValidator`: coordinators and beheerders (who see every resident) need a
longer password. `OwnWordsValidator`: a password made only of the app's and the villages'
own words, with digits and punctuation around them ("dorpsloket", "Warffum2024",
"warffum-dorpsloket!"), is among the first an attacker tries.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .security import user_requires_second_factor

# The app's own words; the villages' names and slugs are added from the database.
APP_WORDS = frozenset(
    {
        "dorpsloket",
        "dorp",
        "loket",
        "hulpvraag",
        "hulp",
        "vrijwilliger",
        "vrijwilligers",
        "coordinator",
        "beheerder",
        "beheer",
        "demo",
        "welkom",
        "wachtwoord",
        "password",
        "admin",
        "test",
    }
)


def letters_only(text: str) -> str:
    """Lower case, with everything but letters removed ("Warffum 2024!" -> "warffum")."""
    folded = text.lower().translate(str.maketrans("éèëêöóôüúïíäáàç", "eeeeooouuiiaaac"))
    return re.sub(r"[^a-z]", "", folded)


def made_of_words(text: str, words: frozenset[str]) -> bool:
    """True when `text` (letters only) is one or more of `words` in a row, nothing else.
    An empty text is not (a password of digits only is the numeric validator's case)."""
    if not text:
        return False
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        reachable[end] = any(reachable[start] and text[start:end] in words for start in range(end))
    return reachable[-1]


def own_words() -> frozenset[str]:
    from .models import Village

    words = set(APP_WORDS)
    for name, slug in Village.objects.values_list("name", "slug"):
        for part in re.split(r"[\s\-_']+", f"{name} {slug}"):
            if letters_only(part):
                words.add(letters_only(part))
        words.add(letters_only(name))
    return frozenset(words)


class OwnWordsValidator:
    """Refuses a password that is only the app's or a village's own words plus digits or
    punctuation. A passphrase that also has other words passes."""

    def validate(self, password, user=None):
        if made_of_words(letters_only(password), own_words()):
            raise ValidationError(
                _(
                    "This password is made of the name of the app or of a village (with "
                    "numbers or signs): those are guessed first. Choose other words."
                ),
                code="password_own_words",
            )

    def get_help_text(self):
        return _("Your password may not be just the name of the app or of a village.")


class RoleMinimumLengthValidator:
    """At least `min_length` characters for coordinators and beheerders."""

    def __init__(self, min_length: int = 12):
        self.min_length = min_length

    def validate(self, password, user=None):
        if user is None or len(password) >= self.min_length:
            return
        if user_requires_second_factor(user):
            raise ValidationError(
                ngettext(
                    "Coordinators and administrators need a password of at least "
                    "%(min_length)d character.",
                    "Coordinators and administrators need a password of at least "
                    "%(min_length)d characters.",
                    self.min_length,
                )
                % {"min_length": self.min_length},
                code="password_too_short_for_role",
            )

    def get_help_text(self):
        return _("Coordinators and administrators: at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }
