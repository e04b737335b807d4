"""Matching a search box against the social map, the same way on every database.

Dutch glues words together ("schuldhulpverlening", "voedselbank", "eenzaamheid") and bends
them ("schulden", "pakketten"). Full-text search splits on spaces only, so PostgreSQL's
Dutch configuration misses "schulden" in "Schuldhulpverlening", and SQLite has no
stemmer at all. Here a word matches when its folded form or its stem occurs anywhere
inside the folded text of an entry, or inside the stems of that text's words:

- "hulp" is inside "schuldhulpverlening";
- "schulden" stems to "schuld", which is inside "schuldhulpverlening";
- "eenzaam" is inside "eenzaamheid" (and both stem to "eenzam");
- "voedselpakketten" stems to "voedselpakket".

The stemmer is the Snowball Dutch algorithm (Porter's original, as in PostgreSQL's
`dutch` configuration); these functions are pure so that both databases get exactly
the same answer.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
_VOWELS = "aeiouyè"
MAX_TERMS = 8


def fold(text: str) -> str:
    """Lower case without accents: "Coördinator" -> "coordinator"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of `text` ("van 't Hof" -> ["van", "t", "hof"])."""
    return _WORD.findall(fold(text))


def _is_vowel(ch: str) -> bool:
    return ch in _VOWELS


def _region_after_vowel_consonant(word: str, start: int) -> int:
    for i in range(start + 1, len(word)):
        if not _is_vowel(word[i]) and _is_vowel(word[i - 1]):
            return i + 1
    return len(word)


def _undouble(word: str) -> str:
    return word[:-1] if word[-2:] in ("kk", "dd", "tt") else word


def _valid_en_ending(word: str, end: int) -> bool:
    # The letters before "en" end on a consonant and are not "gem".
    return end > 0 and not _is_vowel(word[end - 1]) and word[max(0, end - 3) : end] != "gem"


def dutch_stem(word: str) -> str:
    """The Snowball (Porter) Dutch stem of one folded word: "schulden" -> "schuld"."""
    word = fold(word)
    if len(word) < 3:
        return word
    # Consonant y and i are marked (Y, I) so that they do not count as vowels.
    chars = list(word)
    if chars[0] == "y":
        chars[0] = "Y"
    for i in range(1, len(chars)):
        if chars[i] == "y" and _is_vowel(chars[i - 1]):
            chars[i] = "Y"
        elif (
            chars[i] == "i"
            and i + 1 < len(chars)
            and _is_vowel(chars[i - 1])
            and _is_vowel(chars[i + 1])
        ):
            chars[i] = "I"
    word = "".join(chars)
    r1 = max(3, _region_after_vowel_consonant(word, 0))
    r2 = _region_after_vowel_consonant(word, r1)

    def in_region(suffix_start: int, region: int) -> bool:
        return suffix_start >= region

    # Step 1: heden / en, ene / s, se (the longest that ends the word decides).
    if word.endswith("heden"):
        if in_region(len(word) - 5, r1):
            word = word[:-5] + "heid"
    elif word.endswith(("ene", "en")):
        cut = len(word) - (3 if word.endswith("ene") else 2)
        if in_region(cut, r1) and _valid_en_ending(word, cut):
            word = _undouble(word[:cut])
    elif word.endswith(("se", "s")):
        cut = len(word) - (2 if word.endswith("se") else 1)
        if in_region(cut, r1) and cut > 0 and word[cut - 1] not in _VOWELS + "j":
            word = word[:cut]

    # Step 2: a final e after a consonant.
    e_found = False

    def step2(w: str) -> str:
        nonlocal e_found
        cut = len(w) - 1
        if w.endswith("e") and in_region(cut, r1) and cut > 0 and not _is_vowel(w[cut - 1]):
            e_found = True
            return _undouble(w[:cut])
        return w

    word = step2(word)

    # Step 3a: heid.
    if word.endswith("heid"):
        cut = len(word) - 4
        if in_region(cut, r2) and word[cut - 1 : cut] != "c":
            word = word[:cut]
            if word.endswith("en"):
                en = len(word) - 2
                if in_region(en, r1) and _valid_en_ending(word, en):
                    word = _undouble(word[:en])

    # Step 3b: derivational suffixes.
    if word.endswith(("end", "ing")):
        cut = len(word) - 3
        if in_region(cut, r2):
            word = word[:cut]
            if word.endswith("ig") and in_region(len(word) - 2, r2) and word[-3:-2] != "e":
                word = word[:-2]
            else:
                word = _undouble(word)
    elif word.endswith("ig"):
        cut = len(word) - 2
        if in_region(cut, r2) and word[cut - 1 : cut] != "e":
            word = word[:cut]
    elif word.endswith("lijk"):
        cut = len(word) - 4
        if in_region(cut, r2):
            word = step2(word[:cut])
    elif word.endswith("baar"):
        if in_region(len(word) - 4, r2):
            word = word[:-4]
    elif word.endswith("bar") and in_region(len(word) - 3, r2) and e_found:
        word = word[:-3]

    # Step 4: undouble a vowel between consonants at the end ("eenzaam" -> "eenzam").
    if len(word) >= 4:
        c, v, d = word[-4], word[-3:-1], word[-1]
        if not _is_vowel(c) and v in ("aa", "ee", "oo", "uu") and not _is_vowel(d) and d != "I":
            word = word[:-2] + d
    return word.replace("I", "i").replace("Y", "y")


def search_terms(text: str) -> list[str]:
    """The folded words of a search box, without punctuation (at most MAX_TERMS)."""
    return words(text)[:MAX_TERMS]


def document(*texts: str) -> str:
    """The searchable text of an entry: its folded words, then the stems of those words."""
    found = [w for text in texts for w in words(text)]
    return " ".join(found) + " | " + " ".join(dutch_stem(w) for w in found)


def term_matches(term: str, doc: str) -> bool:
    """Whether one search word occurs in a document made by `document()`."""
    return term in doc or dutch_stem(term) in doc


def matches(terms: list[str], doc: str) -> bool:
    """Every word must match somewhere (an empty search matches everything)."""
    return all(term_matches(term, doc) for term in terms)
