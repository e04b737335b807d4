"""Volunteer registry in the browser: a volunteer on a phone, a coordinator on a laptop."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.vrijwilligers.factories import VolunteerFactory


def test_volunteer_sets_an_absence_on_the_phone_and_the_coordinator_sees_it(
    phone_page, page, live_server, login, volunteer_user, coordinator
):
    record = volunteer_user.volunteer_record
    start = timezone.localdate() + timedelta(days=20)
    end = start + timedelta(days=14)

    login(phone_page, volunteer_user)
    phone_page.get_by_role("button", name="Menu tonen").click()
    phone_page.get_by_role("link", name="Mijn gegevens").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    phone_page.get_by_role("link", name="Ik ga weg").click()
    phone_page.get_by_label("Weg vanaf").fill(start.isoformat())
    phone_page.get_by_label("Tot en met").fill(end.isoformat())
    phone_page.get_by_label("Opmerking (mag leeg blijven)").fill("naar de kinderen")
    phone_page.get_by_role("button", name="Afwezigheid opslaan").click()
    expect(phone_page.get_by_text("Uw afwezigheid is opgeslagen.")).to_be_visible()
    expect(phone_page.locator("li.absence")).to_contain_text("naar de kinderen")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    login(page, coordinator)
    page.goto(f"{live_server.url}/vrijwilligers/")
    search = page.locator("#id_q")
    search.fill("Huizinga")
    search.press("Enter")
    page.get_by_role("link", name="Jan Huizinga").click()
    expect(page).to_have_url(f"{live_server.url}/vrijwilligers/{record.pk}/")
    absences = page.locator("#absences")
    expect(absences).to_contain_text(f"{end.day}")
    expect(absences).to_contain_text("naar de kinderen")
    expect(page.locator(".history")).to_contain_text("door de vrijwilliger")


def test_coordinator_filters_the_registry_by_weekday_and_daypart(
    page, live_server, login, coordinator, village
):
    VolunteerFactory(
        village=village, first_name="Dinsdag", last_name="Ochtend", slots=[(1, "morning")]
    )
    VolunteerFactory(
        village=village, first_name="Vrijdag", last_name="Avond", slots=[(4, "evening")]
    )
    login(page, coordinator)
    page.goto(f"{live_server.url}/vrijwilligers/")
    page.get_by_label("Weekdag").select_option(label="dinsdag")
    page.get_by_label("Dagdeel").select_option(label="ochtend")
    expect(page.locator(".registry-table")).to_contain_text("Dinsdag Ochtend")
    expect(page.locator(".registry-table")).not_to_contain_text("Vrijdag Avond")
