"""Matching end to end: the coordinator asks, the volunteer answers on a phone."""

import re
from datetime import time, timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from koppelingen.models import Assignment, Invitation
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory


def make_ride(village):
    resident = ResidentFactory(
        village=village,
        first_name="Aaltje",
        last_name="Wierenga",
        street="Hoofdstraat",
        house_number=7,
        postcode="9989 AB",
        phone="0595123456",
    )
    return HelpRequestFactory(
        village=village,
        resident=resident,
        category=category("vervoer"),
        description="Naar de polikliniek oogheelkunde",
        destination_text="Martini Ziekenhuis Groningen",
        distance_km=25,
        needed_on=timezone.localdate() + timedelta(days=3),
        time_from=time(9, 30),
        status=Status.SEARCHING,
    )


def test_coordinator_asks_the_top_candidate(page, live_server, login, coordinator, village):
    ride = make_ride(village)
    vervoer = category("vervoer")
    MatchableVolunteerFactory(
        village=village,
        first_name="Bert",
        last_name="Kuipers",
        offers=[vervoer],
        last_asked_on=timezone.localdate(),
    )
    MatchableVolunteerFactory(
        village=village,
        first_name="Geesje",
        last_name="Veenstra",
        offers=[vervoer],
        last_asked_on=None,
    )
    login(page, coordinator)
    page.goto(f"{live_server.url}/koppelen/hulpvraag/{ride.pk}/kandidaten/")
    first = page.locator("#candidates li").first
    expect(first).to_contain_text("Geesje Veenstra")
    expect(first).to_contain_text("Nog nooit gevraagd")
    first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Vraag de gekozen vrijwilligers").click()
    expect(page.get_by_text("Gevraagd: 1.")).to_be_visible()
    assert Invitation.objects.get().volunteer.first_name == "Geesje"
    assert len(mail.outbox) == 1


def test_volunteer_accepts_from_the_email_and_reports_the_ride(
    phone_page, live_server, village, settings
):
    settings.SITE_URL = live_server.url
    ride = make_ride(village)
    volunteer = MatchableVolunteerFactory(
        village=village, first_name="Jan", offers=[category("vervoer")]
    )
    from koppelingen import services

    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    link = re.search(r"http://\S+/koppelen/taak/\S+/", mail.outbox[-1].body).group(0)

    page = phone_page
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kunt u helpen?")
    expect(page.get_by_text("Hoofdstraat 7")).to_have_count(0)
    page.get_by_role("button", name="Ja, ik doe het").click()
    expect(page.get_by_text("Dank u wel! U doet deze taak.")).to_be_visible()
    expect(page.get_by_text("Hoofdstraat 7, 9989 AB")).to_be_visible()
    expect(page.get_by_role("link", name="0595 12 34 56")).to_be_visible()

    page.get_by_role("link", name="Achteraf terugmelden").click()
    page.get_by_label("gedaan", exact=True).check()
    page.get_by_label("goed", exact=True).check()
    page.get_by_label("Hoeveel km heeft u gereden").fill("52")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Dank u wel voor het terugmelden!")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    assignment = Assignment.objects.get()
    assert assignment.report.km_driven == 52
    ride.refresh_from_db()
    assert ride.status == Status.DONE


def test_the_link_opens_the_task_at_an_address_without_the_token_and_dies_when_taken_back(
    phone_page, live_server, village, coordinator
):
    from hulpvragen.services import help_request_transition
    from koppelingen import services

    ride = make_ride(village)
    volunteer = MatchableVolunteerFactory(village=village, offers=[category("vervoer")])
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    link = services.invitation_link(invitation)
    token = link.rstrip("/").rsplit("/", 1)[1]

    phone_page.goto(f"{live_server.url}{link}")
    expect(phone_page).to_have_url(f"{live_server.url}/koppelen/mijn-taak/{invitation.pk}/")
    phone_page.get_by_role("button", name="Ja, ik doe het").click()
    expect(phone_page.get_by_text("Hoofdstraat 7")).to_be_visible()
    assert token not in phone_page.url
    assert token not in phone_page.content()

    # The volunteer drops out: the coordinator puts the request back to searching.
    ride.refresh_from_db()
    help_request_transition(help_request=ride, to=Status.SEARCHING, by=coordinator)
    phone_page.reload()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Deze taak is niet meer voor u")
    expect(phone_page.locator("body")).not_to_contain_text("Hoofdstraat")
