"""The pure rules of "Klopt dit nog?" (sociale_kaart.checks)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import time_machine
from django.core import signing

from accounts.calendar import AMSTERDAM
from sociale_kaart.checks import (
    CHECK_LINK_DAYS,
    SALT,
    check_pk_from_token,
    check_recipient,
    check_token,
    is_link_open,
    needs_asking,
    proposed_changes,
)


@dataclass
class Contact:
    name: str
    email: str
    is_fixed_contact: bool = False


@dataclass
class Check:
    pk: int


def test_a_token_gives_back_its_check():
    assert check_pk_from_token(check_token(Check(17))) == 17


def test_a_forged_or_altered_token_gives_nothing():
    token = check_token(Check(17))
    assert check_pk_from_token(token[:-2] + "xx") is None
    assert check_pk_from_token("vervalst:token") is None
    assert check_pk_from_token(signing.dumps({"c": 17}, salt="another.salt")) is None
    assert check_pk_from_token(signing.dumps({"c": "17"}, salt=SALT)) is None


def test_a_token_expires_after_the_link_days():
    # In UTC: the link's age is counted in seconds, a summer-time change is no extra hour.
    sent = datetime(2026, 3, 1, 10, tzinfo=UTC)
    with time_machine.travel(sent, tick=False):
        token = check_token(Check(5))
    with time_machine.travel(sent + timedelta(days=CHECK_LINK_DAYS, hours=-1)):
        assert check_pk_from_token(token) == 5
    with time_machine.travel(sent + timedelta(days=CHECK_LINK_DAYS, hours=1)):
        assert check_pk_from_token(token) is None


def test_the_fixed_contact_person_is_asked_first():
    contacts = [
        Contact("Anna", "anna@example.nl"),
        Contact("Bert", ""),
        Contact("Wim", "wim@example.nl", is_fixed_contact=True),
    ]
    contact, email = check_recipient(contacts, "info@example.nl")
    assert (contact.name, email) == ("Wim", "wim@example.nl")


def test_without_a_contact_email_the_organisations_address_is_asked_or_nobody():
    assert check_recipient([Contact("Bert", "")], "info@example.nl") == (None, "info@example.nl")
    assert check_recipient([Contact("Bert", "")], "") is None


def test_only_a_stale_entry_is_asked_and_not_again_within_the_waiting_time():
    today = date(2026, 6, 1)
    asked = datetime(2026, 5, 1, 9, tzinfo=AMSTERDAM)
    assert not needs_asking(last_verified_on=date(2025, 12, 1), last_asked_at=None, today=today)
    assert needs_asking(last_verified_on=date(2025, 5, 1), last_asked_at=None, today=today)
    assert needs_asking(last_verified_on=None, last_asked_at=None, today=today)
    assert not needs_asking(last_verified_on=None, last_asked_at=asked, today=today)
    later = today + timedelta(days=60)
    assert needs_asking(last_verified_on=None, last_asked_at=asked, today=later)


def test_a_round_takes_one_answer_within_the_link_days():
    asked = datetime(2026, 5, 1, 9, tzinfo=AMSTERDAM)
    assert is_link_open(asked_at=asked, answered_at=None, now=asked + timedelta(days=1))
    assert not is_link_open(asked_at=asked, answered_at=asked, now=asked + timedelta(days=1))
    assert not is_link_open(
        asked_at=asked, answered_at=None, now=asked + timedelta(days=CHECK_LINK_DAYS)
    )


def test_a_proposal_holds_only_changed_public_fields():
    current = {"name": "Wmo-loket", "phone": "0595 12 34 56", "town": "Warffum"}
    proposed = {
        "name": "Wmo-loket ",
        "phone": "0595 99 99 99",
        "town": "Warffum",
        "kind": "commercial",
        "is_archived": True,
    }
    assert proposed_changes(current, proposed) == {"phone": ["0595 12 34 56", "0595 99 99 99"]}
