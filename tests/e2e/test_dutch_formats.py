"""Dutch numbers and dates in the browser (issue 12, points 1 and 9): a ride to the GP at
0,8 km taken by keyboard with a date said on the phone, and a volunteer typing an absence."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.models import HelpRequest
from tests.hulpvragen.factories import ResidentFactory, an_organisation, ensure_defaults
from tests.sociale_kaart.factories import OrganisationDistanceFactory

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def short(day):
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == timezone.localdate().year else f"{text} {day.year}"


@pytest.fixture(autouse=True)
def _default_rows(transactional_db):
    ensure_defaults()


def test_a_ride_to_the_gp_at_0_8_km_with_a_spoken_date(
    page, live_server, login, coordinator, village
):
    ResidentFactory(village=village, first_name="Geert", last_name="van 't Hof")
    gp = an_organisation(village, name="Huisartsenpraktijk Warffum", is_transport_destination=True)
    OrganisationDistanceFactory(organisation=gp, village=village, km=Decimal("0.8"))
    today = timezone.localdate()
    tuesday = today - timedelta(days=today.weekday()) + timedelta(days=8)
    login(page, coordinator)

    page.goto(f"{live_server.url}/hulpvragen/nieuw/")
    page.keyboard.type("van 't h")
    expect(page.get_by_text("Geert van 't Hof")).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.type("Vervoer")
    page.keyboard.press("Tab")
    page.keyboard.type("Naar de huisarts")
    page.locator("#id_needed_on").fill("volgende week dinsdag")
    page.locator("#id_time_from").fill("9:30")
    destination = page.locator("#id_destination")
    expect(
        destination.locator("option", has_text="Huisartsenpraktijk Warffum (0,8 km)")
    ).to_have_count(1)
    destination.select_option(label="Huisartsenpraktijk Warffum (0,8 km)")
    page.locator("#id_appointment_time").fill("9:45")
    page.locator("#id_appointment_time").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("van 't Hof")
    expect(page.get_by_text("(0,8 km)")).to_be_visible()
    heading_date = f"{WEEKDAYS[tuesday.weekday()]} {tuesday.day}"
    expect(page.locator("main")).to_contain_text(heading_date)
    ride = HelpRequest.objects.get()
    assert ride.distance_km == Decimal("0.8")
    assert ride.needed_on == tuesday

    page.goto(f"{live_server.url}/hulpvragen/{ride.pk}/wijzigen/")
    expect(page.locator("#id_distance_km")).to_have_value("0,8")
    expect(page.locator("#id_needed_on")).to_have_value(tuesday.strftime("%d-%m-%Y"))
    page.locator("#id_distance_km").fill("0.9")
    page.locator("#id_needed_on").fill("30 februari")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Deze datum kunnen we niet lezen")).to_be_visible()
    expect(page.locator("#id_needed_on")).to_have_value("30 februari")
    expect(page.locator("#id_distance_km")).to_have_value("0.9")


def test_a_volunteer_types_an_absence_the_dutch_way_on_the_phone(
    phone_page, live_server, login, volunteer_user
):
    today = timezone.localdate()
    friday = today - timedelta(days=today.weekday()) + timedelta(days=11)
    login(phone_page, volunteer_user)
    phone_page.goto(f"{live_server.url}/vrijwilligers/mijn-gegevens/")
    phone_page.get_by_role("link", name="Ik ga weg").click()
    phone_page.get_by_label("Weg vanaf").fill("morgen")
    phone_page.get_by_label("Tot en met").fill("volgende week vrijdag")
    phone_page.get_by_role("button", name="Afwezigheid opslaan").click()
    expect(phone_page.get_by_text("Uw afwezigheid is opgeslagen.")).to_be_visible()
    absence = phone_page.locator("li.absence").first
    expect(absence).to_contain_text(short(today + timedelta(days=1)))
    expect(absence).to_contain_text(short(friday))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
