"""The table of replies by text message and what the app reads in them."""

import pytest

from koppelingen.sms_replies import Answer, Reply, read_reply

YES, NO, UNCLEAR = Answer.YES, Answer.NO, Answer.UNCLEAR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JA", Reply(YES)),
        ("ja", Reply(YES)),
        ("Ja hoor!", Reply(YES)),
        ("j", Reply(YES)),
        ("J.", Reply(YES)),
        ("jaaa", Reply(YES)),
        ("Oké", Reply(YES)),
        ("Ja graag, groetjes", Reply(YES)),
        ("Ja, ik kom", Reply(YES)),
        ("JA 12", Reply(YES, "12")),
        ("ja12", Reply(YES, "12")),
        ("12 ja", Reply(YES, "12")),
        ("Ja hoor, code 07", Reply(YES, "7")),
        ("NEE", Reply(NO)),
        ("Nee helaas", Reply(NO)),
        ("n", Reply(NO)),
        ("nee 13", Reply(NO, "13")),
        ("NEE-13!", Reply(NO, "13")),
        ("Ik kan niet, sorry", Reply(NO)),
        ("helaas niet", Reply(NO)),
        # Not sure: nothing is decided, a coordinator reads it.
        ("kan pas om 3 uur", Reply(UNCLEAR, "3")),
        ("ja, maar pas om 3 uur", Reply(UNCLEAR, "3")),
        ("ja nee", Reply(UNCLEAR)),
        ("Ja ik kan niet", Reply(UNCLEAR)),
        ("ja 12 nee 13", Reply(UNCLEAR)),
        ("wie is dit?", Reply(UNCLEAR)),
        ("sorry", Reply(UNCLEAR)),
        ("12", Reply(UNCLEAR, "12")),
        ("", Reply(UNCLEAR)),
        ("👍", Reply(UNCLEAR)),
        ("Misschien", Reply(UNCLEAR)),
    ],
)
def test_what_a_reply_means(text, expected):
    assert read_reply(text) == expected


def test_the_volunteers_own_name_is_passed_over():
    assert read_reply("Ja hoor, Jan", names=["Jan", "de Vries"]) == Reply(YES)
    assert read_reply("Ja hoor, Jan") == Reply(UNCLEAR)
