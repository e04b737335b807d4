"""Reading a volunteer's answer by text message: a pure rule, with its own table of tests.

An invitation by text message ends "Antwoord JA 12 of NEE 12". People answer as they talk:
"Ja hoor!", "nee helaas", "j", "JA12", "Ja graag, groetjes Jan". The rule reads yes or no
only when it is sure: every word of the message must be a yes-word (or every word a
no-word), apart from the invitation's code, friendly fillers ("hoor", "graag", "helaas",
"groetjes") and the volunteer's own name. Anything else — "ja, maar pas om 3 uur",
"kan pas om 3 uur", "ja nee", "wie is dit?" — is UNCLEAR, and then nothing is decided for
the volunteer: a coordinator reads it (the full text is always kept).

The code is a number of one to four digits standing on its own (or glued to the yes or no:
"ja12"). A message with two different numbers has no code ("kan om 3, 12" is unclear anyway).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


class Answer(enum.Enum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Reply:
    answer: Answer
    # The invitation's code in the message ("12"), or "" when there is none.
    code: str = ""


YES_WORDS = frozenset(
    {"ja", "j", "jaa", "jaaa", "jawel", "jazeker", "yes", "ok", "oke", "okee", "okay", "akkoord"}
    | {"prima", "goed", "zeker", "top", "doe", "ik", "kom", "kan", "wil", "dat"}
)
NO_WORDS = frozenset({"nee", "n", "neen", "nein", "no", "niet", "kan", "ik", "helaas", "sorry"})
# Words that change nothing about a yes or a no.
FILLERS = frozenset(
    {"hoor", "graag", "hoi", "hallo", "beste", "dag", "dank", "bedankt", "dankjewel"}
    | {"dankuwel", "danku", "groet", "groeten", "groetjes", "gr", "grt", "mvg", "vriendelijke"}
    | {"met", "wel", "hier", "code", "antwoord", "taak", "is", "u", "je", "jij", "voor"}
    | {"de", "het", "een", "en", "hartelijk", "welkom"}
)
# "ik kan", "ik doe het", "kom ik": yes-phrases only next to a real yes-word; on their own,
# "kan" and "ik" prove nothing ("ik kan niet" is a no, "kan pas om 3 uur" is unclear).
WEAK = frozenset({"doe", "ik", "kom", "kan", "wil", "dat", "helaas", "sorry", "niet"})
STRONG_YES = YES_WORDS - WEAK
STRONG_NO = NO_WORDS - WEAK
CODE = re.compile(r"^\d{1,4}$")


def _words(text: str) -> list[str]:
    """Lower case, accents off, punctuation out, and "ja12" split into "ja" "12"."""
    plain = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", plain)
    return re.findall(r"[a-z]+|\d+", plain)


def read_reply(text: str, *, names: Iterable[str] = ()) -> Reply:
    """What this text message answers: YES or NO with the code it names (or ""), or UNCLEAR.

    `names` are words to pass over, such as the volunteer's own first and last name
    ("Ja hoor, Jan"). See the module's docstring for the rule; the table of examples is in
    tests/koppelingen/test_sms_replies.py."""
    skip = {w for name in names for w in _words(name)}
    words = [w for w in _words(text) if w not in skip]
    codes = {w.lstrip("0") or "0" for w in words if CODE.match(w)}
    rest = [w for w in words if not CODE.match(w) and w not in FILLERS]
    code = next(iter(codes)) if len(codes) == 1 else ""
    if len(codes) > 1 or not rest:  # two numbers, or nothing but a code and fillers
        return Reply(Answer.UNCLEAR, code)
    has_yes = any(w in STRONG_YES for w in rest)
    has_no = any(w in STRONG_NO for w in rest) or "niet" in rest
    if has_yes and not has_no and all(w in YES_WORDS for w in rest):
        return Reply(Answer.YES, code)
    if has_no and not has_yes and all(w in NO_WORDS for w in rest):
        return Reply(Answer.NO, code)
    return Reply(Answer.UNCLEAR, code)
