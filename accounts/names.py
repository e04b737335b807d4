"""How a person's name is written: one rule each, for the models and for rows read as values.

The board, the meeting and the request page read names as plain columns (no model
instances); they write them with these functions, as the models' own properties do.
"""

from __future__ import annotations


def full_name(first_name: str | None, last_name: str | None) -> str:
    """First and last name with one space ("van 't Hof" alone when there is no first name);
    a missing part counts as empty."""
    return f"{first_name or ''} {last_name or ''}".strip()


def short_name(full_name: str, email: str) -> str:
    """A user's first name: the first word of the full name, else the e-mail address."""
    return (full_name.split() or [email])[0]
