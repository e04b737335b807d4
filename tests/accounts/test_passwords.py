"""Passwords (issue 14, point 4): 12 characters at least for coordinators and beheerders,
Django's list of common passwords, and not only the app's or a village's own words."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.demo import DEMO_PASSWORD
from accounts.passwords import APP_WORDS, letters_only, made_of_words
from tests.client import Client
from tests.factories import VillageFactory

pytestmark = pytest.mark.django_db


def refused(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("warffum", {"warffum"}, True),
        ("warffumdorpsloket", {"warffum", "dorpsloket"}, True),
        ("warffumfietskerk", {"warffum"}, False),
        ("", {"warffum"}, False),
    ],
)
def test_made_of_words(text, words, expected):
    assert made_of_words(text, frozenset(words)) is expected


def test_letters_only_folds_accents_and_drops_the_rest():
    assert letters_only("Coördinator 2024!") == "coordinator"


def test_the_villages_and_the_apps_own_words_are_refused(village, volunteer_user):
    VillageFactory(name="Den Andel", slug="den-andel")
    for password in [
        "dorpsloket",
        "Warffum2024",
        "warffum2024!!",
        "Warffum-Dorpsloket-1",
        "DenAndel19992000",
        "dorpsloket-demo",
    ]:
        assert any(
            "naam van de app of van een dorp" in m for m in refused(password, volunteer_user)
        ), password
    # A passphrase that holds the village's name among other words is fine.
    assert refused("fietsen door warffum bij de molen", volunteer_user) == []


def test_the_demo_password_is_for_the_demo_only(village, coordinator):
    assert refused(DEMO_PASSWORD, coordinator)
    assert "demo" in APP_WORDS


def test_coordinators_and_beheerders_need_twelve_characters(coordinator, beheerder, volunteer_user):
    eleven = "kwast-molen"  # 11 characters, not common, no own words
    assert len(eleven) == 11
    assert any("minstens 12 tekens" in m for m in refused(eleven, coordinator))
    assert any("minstens 12 tekens" in m for m in refused(eleven, beheerder))
    assert refused(eleven, volunteer_user) == []
    assert refused("kwast-molens", coordinator) == []


def test_common_passwords_are_refused(volunteer_user):
    assert any(
        "te algemeen" in m or "veelgebruikt" in m for m in refused("password1234", volunteer_user)
    )


def test_choosing_a_password_from_the_reset_link_applies_the_rules(coordinator):
    client = Client()
    url = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(coordinator.pk)),
            "token": default_token_generator.make_token(coordinator),
        },
    )
    form_url = client.get(url)["Location"]
    short = client.post(form_url, {"new_password1": "kwast-molen", "new_password2": "kwast-molen"})
    assert short.status_code == 200
    assert "minstens 12 tekens" in short.content.decode()
    village_word = client.post(
        form_url, {"new_password1": "Warffum2024!", "new_password2": "Warffum2024!"}
    )
    assert "naam van de app of van een dorp" in village_word.content.decode()
    good = client.post(
        form_url,
        {"new_password1": "kwast-molen-vlaggen", "new_password2": "kwast-molen-vlaggen"},
    )
    assert good.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("kwast-molen-vlaggen")
