"""The region in a real browser: a volunteer shared with a neighbouring village (agreed at
home, a candidate there marked with the home village, no contact details before accepting),
and a regional reader who sees where help is short without a single name."""

from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from tests.e2e.test_accessibility import _violations
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory
from vrijwilligers import services as volunteer_services


def hendrik(village):
    return MatchableVolunteerFactory(
        village=village,
        first_name="Hendrik",
        last_name="Ubbens",
        street="Molenstraat",
        phone="0612121212",
        offers=[category("vervoer"), category("klus")],
    )


def usquert_ride(village):
    resident = ResidentFactory(village=village, first_name="Trijntje", last_name="Bolhuis")
    return HelpRequestFactory(
        village=village,
        resident=resident,
        category=category("vervoer"),
        description="Naar de fysiotherapeut",
        distance_km=12,
        needed_on=timezone.localdate() + timedelta(days=3),
        time_from=time(10, 0),
        status=Status.SEARCHING,
    )


def test_the_home_desk_agrees_that_a_volunteer_also_helps_the_neighbours(
    page, live_server, login, coordinator, village, other_village
):
    volunteer = hendrik(village)
    login(page, coordinator)
    page.goto(f"{live_server.url}/vrijwilligers/{volunteer.pk}/")
    expect(page.locator("#helps-also-in")).to_contain_text("Alleen in het eigen dorp.")
    page.locator("#helps-also-in").get_by_role("link", name="Ander dorp…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hendrik Ubbens helpt ook een ander dorp"
    )
    assert _violations(page) == []
    page.get_by_label("Helpt ook in").select_option(label="Usquert")
    page.get_by_label("Vervoer").check()
    page.get_by_label("Dinsdag").check()
    page.get_by_label("Rijdt daar hooguit (km, mag leeg blijven)").fill("30")
    page.get_by_role("button", name="Afspraak opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Hendrik Ubbens helpt nu ook Usquert.")
    share = page.locator("#helps-also-in")
    expect(share).to_contain_text("Usquert: Vervoer · hooguit 30 km")
    expect(share).not_to_contain_text("Klus")


def test_the_other_village_sees_the_shared_volunteer_among_its_candidates(
    page, live_server, login, coordinator, other_coordinator, village, other_village
):
    volunteer = hendrik(village)
    volunteer_services.volunteer_share_start(
        volunteer=volunteer,
        helps_in=other_village,
        categories=[category("vervoer")],
        max_km=30,
        by=coordinator,
    )
    ride = usquert_ride(other_village)
    login(page, other_coordinator)
    page.goto(f"{live_server.url}/koppelen/hulpvraag/{ride.pk}/kandidaten/")
    candidate = page.locator("#candidates > li", has_text="Hendrik Ubbens")
    expect(candidate.locator(".from-elsewhere")).to_have_text("uit Warffum")
    expect(candidate).not_to_contain_text("Molenstraat")
    expect(candidate).not_to_contain_text("06 12 12 12 12")
    expect(candidate.locator(".reasons-for")).to_contain_text("Rijdt tot 30 km; deze rit is 12 km")
    assert _violations(page) == []
    candidate.get_by_role("link", name="Wat biedt deze vrijwilliger hier aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hendrik Ubbens")
    expect(page.locator("#offers-here")).to_contain_text("Vervoer")
    expect(page.locator("#offers-here")).to_contain_text("30 km")
    expect(page.locator("#shared-contact")).not_to_contain_text("06 12 12 12 12")
    assert _violations(page) == []
    # Their registry page stays their home desk's.
    response = page.goto(f"{live_server.url}/vrijwilligers/{volunteer.pk}/")
    assert response.status == 404


def test_a_regional_reader_sees_where_help_is_short_without_names(
    page, live_server, login, regional_reader, village, other_village
):
    ride = usquert_ride(other_village)  # nobody in Usquert offers rides
    MatchableVolunteerFactory(
        village=village, first_name="Geesje", last_name="Smit", offers=[category("klus")]
    )
    login(page, regional_reader)
    page.get_by_role("link", name="Over de dorpen heen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Over de dorpen heen")
    usquert_row = page.locator("#region-table tr[data-village='usquert']")
    expect(usquert_row.locator(".unmatched")).to_have_text("1")
    expect(page.locator("#region-table tr[data-village='warffum'] .never-asked")).to_have_text("1")
    section = page.locator("#village-usquert")
    expect(section.locator(".short-of")).to_contain_text(f"{ride.category.name} (1)")
    expect(section.locator(".why")).to_contain_text("Niemand biedt deze soort hulp aan: 1")
    body = page.locator("main")
    for name in ("Geesje", "Smit", "Trijntje", "Bolhuis"):
        expect(body).not_to_contain_text(name)
    assert _violations(page) == []
