"""Point 3 of issue 12: a signal is passed on only with consent, or as a noted exception."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from koppelingen import services
from koppelingen.models import LogEntry, Signal
from sociale_kaart.models import Organisation
from tests.sociale_kaart.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(ride):
    return services.signal_create(resident=ride.resident, description="Eenzaam, spreekt niemand")


@pytest.fixture
def welzijn(village):
    return OrganisationFactory(name="Welzijn Het Hogeland", villages=[village])


def post(client, signal, **data):
    return client.post(reverse("koppelingen:signal", args=[signal.pk]), data, follow=True)


def test_with_consent_the_signal_is_passed_on_and_the_message_says_to_whom(
    client, coordinator, signal, welzijn
):
    client.force_login(coordinator)
    response = post(client, signal, organisation=welzijn.pk, consent="yes", note="Gebeld met Anke")
    html = response.content.decode()
    assert (
        "Vastgelegd: het signaal is doorgegeven aan Welzijn Het Hogeland, met toestemming van"
        " de inwoner." in html
    )
    signal.refresh_from_db()
    assert (signal.status, signal.passed_to, signal.resident_consent) == (
        Signal.Status.PASSED_ON,
        welzijn,
        "yes",
    )
    entry = LogEntry.objects.get(kind=LogEntry.Kind.SIGNAL_PASSED_ON)
    assert entry.text == "Welzijn Het Hogeland – de inwoner gaf toestemming"


def test_without_consent_the_signal_stays_open_with_advice_and_nothing_typed_is_lost(
    client, coordinator, signal, welzijn
):
    client.force_login(coordinator)
    response = post(client, signal, organisation=welzijn.pk, consent="no", note="Wil geen hulp")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vastgelegd" not in html
    assert "De inwoner gaf geen toestemming, dus het signaal wordt niet doorgegeven" in html
    assert "Praat eerst met de inwoner" in html
    assert "Wil geen hulp</textarea>" in html
    assert f'value="{welzijn.pk}" selected' in html
    (no_choice,) = re.findall(r'<input[^>]*name="consent"[^>]*value="no"[^>]*>', html)
    assert "checked" in no_choice
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN
    assert signal.passed_to is None
    assert not LogEntry.objects.filter(kind__startswith="signal_p").exists()


def test_the_exception_without_a_note_is_refused_and_keeps_what_was_typed(
    client, coordinator, signal, welzijn
):
    client.force_login(coordinator)
    response = post(
        client, signal, organisation=welzijn.pk, consent="not_asked", note="Huisarts gebeld"
    )
    html = response.content.decode()
    assert "Schrijf op waarom de inwoner het niet gevraagd kon worden" in html
    assert "Huisarts gebeld</textarea>" in html
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN


def test_the_exception_with_a_note_is_recorded_and_marked_as_such(
    client, coordinator, signal, welzijn
):
    client.force_login(coordinator)
    response = post(
        client,
        signal,
        organisation=welzijn.pk,
        consent="not_asked",
        exception_note="Mevrouw was verward en de kachel brandde zonder rookmelder",
        note="Huisarts gebeld",
    )
    html = response.content.decode()
    assert (
        "Vastgelegd als uitzondering (acuut gevaar / niet te vragen): het signaal is zonder"
        " toestemming doorgegeven aan Welzijn Het Hogeland." in html
    )
    signal.refresh_from_db()
    assert signal.passed_on_as_exception
    assert signal.consent_exception_note.startswith("Mevrouw was verward")
    entry = LogEntry.objects.get(kind=LogEntry.Kind.SIGNAL_EXCEPTION)
    assert "uitzondering: acuut gevaar / niet te vragen" in entry.text
    assert "kachel brandde" in entry.text
    # the list and the signal page mark it as the exception
    assert "zonder toestemming</span>" in html  # the list we were sent back to
    detail = client.get(reverse("koppelingen:signal", args=[signal.pk])).content.decode()
    assert "zonder toestemming</span>" in detail
    assert "Waarom zonder toestemming" in detail and "kachel brandde" in detail


def test_not_saying_whether_the_resident_agreed_is_a_dutch_error(
    client, coordinator, signal, welzijn
):
    client.force_login(coordinator)
    response = post(client, signal, organisation=welzijn.pk, note="Iets")
    assert "Geef aan of de inwoner toestemming gaf." in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN


@pytest.mark.parametrize(
    ("consent", "exception_note", "field"),
    [("no", "", "consent"), ("not_asked", "", "exception_note"), ("maybe", "", "consent")],
)
def test_the_service_refuses_what_the_rule_refuses(
    signal, welzijn, coordinator, consent, exception_note, field
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.signal_pass_on(
            signal=signal,
            organisation=welzijn,
            consent=consent,
            exception_note=exception_note,
            note="",
            by=coordinator,
        )
    assert field in refused.value.message_dict
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN
    assert not LogEntry.objects.exclude(kind=LogEntry.Kind.SIGNAL).exists()


def test_the_demos_open_signal_through_every_consent_value(client):
    """On the demo's own data, where "geen toestemming" used to be saved as passed on."""
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    signal = Signal.objects.get(village__slug="warffum", status=Signal.Status.OPEN)
    organisation = Organisation.objects.for_village(signal.village).order_by("name").first()
    assert client.login(username="coordinator@warffum.example", password="dorpsloket-demo")
    url = reverse("koppelingen:signal", args=[signal.pk])

    page = client.get(url).content.decode()
    assert "uitzondering: acuut gevaar / niet te vragen" in page

    refused = client.post(url, {"organisation": organisation.pk, "consent": "no"})
    assert "het signaal wordt niet doorgegeven en blijft open" in refused.content.decode()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN

    refused = client.post(url, {"organisation": organisation.pk, "consent": "not_asked"})
    assert "Schrijf op waarom" in refused.content.decode()

    done = client.post(
        url, {"organisation": organisation.pk, "consent": "yes", "note": "Gebeld"}, follow=True
    )
    assert (
        f"Vastgelegd: het signaal is doorgegeven aan {organisation.name}, met toestemming"
        in done.content.decode()
    )
    signal.refresh_from_db()
    assert (signal.status, signal.resident_consent) == (Signal.Status.PASSED_ON, "yes")

    # a second worry about the same demo resident, in acute danger
    urgent = services.signal_create(resident=signal.resident, description="Gas geroken")
    done = client.post(
        reverse("koppelingen:signal", args=[urgent.pk]),
        {
            "organisation": organisation.pk,
            "consent": "not_asked",
            "exception_note": "Niet thuis, gaslucht bij de voordeur",
        },
        follow=True,
    )
    assert "Vastgelegd als uitzondering" in done.content.decode()
    urgent.refresh_from_db()
    assert urgent.passed_on_as_exception
