"""The coordinator's side of matching at laptop size: reading the candidates' reasons and
asking the top one, and passing a signal on with the resident's consent (issue 12, 3 and 8)."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Invitation, LogEntry, Signal
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory
from tests.sociale_kaart.factories import OrganisationFactory


def gp_ride(village):
    resident = ResidentFactory(
        village=village, first_name="Grietje", last_name="van 't Hof", street="Molenstraat"
    )
    return HelpRequestFactory(
        village=village,
        resident=resident,
        category=category("vervoer"),
        description="Naar de huisarts",
        destination_text="Huisartsenpraktijk Warffum",
        distance_km=Decimal("0.8"),
        needed_on=timezone.localdate() + timedelta(days=2),
        time_from=time(10, 0),
        status=Status.SEARCHING,
    )


def test_coordinator_reads_the_reasons_and_asks_the_top_candidate(
    page, live_server, login, coordinator, village
):
    ride = gp_ride(village)
    vervoer = category("vervoer")
    for street, phone, asked in [
        ("Schoolstraat", "0595 42 18 90", None),
        ("Hoofdstraat", "0612345678", timezone.localdate() - timedelta(days=4)),
    ]:
        MatchableVolunteerFactory(
            village=village,
            first_name="Jan",
            last_name="de Vries",
            street=street,
            phone=phone,
            offers=[vervoer],
            last_asked_on=asked,
            monthly_cap=4,
        )
    login(page, coordinator)
    page.goto(f"{live_server.url}/koppelen/hulpvraag/{ride.pk}/kandidaten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger zoeken")
    first, second = page.locator("#candidates > li").all()
    expect(first).to_contain_text("Jan de Vries")
    expect(first).to_contain_text("Schoolstraat · 0595 42 18 90")
    expect(first.locator(".reasons-for")).to_contain_text("Nog nooit gevraagd")
    expect(first.locator(".reasons-for")).to_contain_text("Rijdt tot 60 km; deze rit is 0,8 km")
    expect(first.locator(".reasons-for")).to_contain_text("0 van 4 deze maand")
    expect(second).to_contain_text("Hoofdstraat · 06 12 34 56 78")
    expect(second.locator(".reasons-against")).to_contain_text("Kort geleden gevraagd")

    first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Vraag de gekozen vrijwilligers").click()
    expect(page.get_by_text("Gevraagd: 1.")).to_be_visible()
    invitation = Invitation.objects.get()
    assert invitation.volunteer.street == "Schoolstraat"

    services.invitation_accept(invitation=invitation, by=coordinator)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger gevonden")
    expect(page.locator("#matches")).to_contain_text("Jan de Vries")
    expect(page.locator("#matches")).to_contain_text("Schoolstraat")
    expect(page.get_by_role("button", name="Vraag de gekozen vrijwilligers")).to_have_count(0)


def test_coordinator_passes_a_signal_on_with_consent(
    page, live_server, login, coordinator, village
):
    resident = ResidentFactory(village=village, first_name="Grietje", last_name="van 't Hof")
    signal = services.signal_create(
        resident=resident, description="De post stapelt zich op en de koelkast is leeg."
    )
    OrganisationFactory(name="Welzijn Het Hogeland", villages=[village])
    login(page, coordinator)
    page.goto(f"{live_server.url}/koppelen/signalen/{signal.pk}/")
    page.get_by_label("Doorgegeven aan").select_option(label="Welzijn Het Hogeland")
    page.get_by_label("de inwoner gaf geen toestemming").check()
    page.get_by_label("Wat is doorgegeven").fill("Gebeld met Anke over de post")
    page.get_by_role("button", name="Vastleggen als doorgegeven").click()
    expect(page.get_by_text("het signaal wordt niet doorgegeven en blijft open")).to_be_visible()
    expect(page.get_by_label("Wat is doorgegeven")).to_have_value("Gebeld met Anke over de post")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN

    page.get_by_label("de inwoner gaf toestemming", exact=True).check()
    page.get_by_role("button", name="Vastleggen als doorgegeven").click()
    expect(
        page.get_by_text(
            "Vastgelegd: het signaal is doorgegeven aan Welzijn Het Hogeland, met toestemming"
            " van de inwoner."
        )
    ).to_be_visible()
    expect(page.get_by_role("row", name="Grietje van 't Hof")).to_contain_text(
        "de inwoner gaf toestemming"
    )
    signal.refresh_from_db()
    assert (signal.status, signal.resident_consent) == (Signal.Status.PASSED_ON, "yes")
    assert LogEntry.objects.filter(kind=LogEntry.Kind.SIGNAL_PASSED_ON).count() == 1
