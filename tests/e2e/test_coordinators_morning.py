"""A coordinator's morning on the demo village, at laptop size (1366×768), as one story:
a ride to the GP (0,8 km) taken by keyboard, triaged and matched by asking the top candidate,
whose phone answer is recorded; another request triaged to a referral; a follow-up call
recorded; a signal passed on with the resident's consent. Each step asserts what the
coordinator sees."""

from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest, Resident
from koppelingen.models import Invitation, Signal
from meldingen.models import Todo
from tests.e2e.conftest import tab_to


def a_resident_with_a_unique_surname():
    residents = Resident.objects.filter(village__slug="warffum")
    for resident in residents.order_by("pk"):
        if residents.filter(last_name__icontains=resident.last_name).count() == 1:
            return resident
    raise AssertionError("the demo has no resident with a unique surname")


def take_a_ride_to_the_gp_by_keyboard(page, url):
    resident = a_resident_with_a_unique_surname()
    page.goto(f"{url}/hulpvragen/nieuw/")
    expect(page.locator("#id_resident_query")).to_be_focused()
    page.keyboard.type(resident.last_name)
    expect(page.get_by_text(resident.full_name).first).to_be_visible()
    page.keyboard.press("Enter")  # picks the first match and moves on
    expect(page.locator(f"#resident-{resident.pk}")).to_be_checked()
    expect(page.locator("#id_category")).to_be_focused()
    page.keyboard.type("Vervoer")
    expect(page.get_by_role("group", name="De rit")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.type("Naar de huisarts voor een controle")
    tab_to(page, "#id_needed_on")
    page.keyboard.type("overmorgen")
    page.keyboard.press("Tab")
    page.keyboard.type("9:15")
    tab_to(page, "#id_destination")
    page.keyboard.type("Huisarts")
    tab_to(page, "#id_appointment_time")
    page.keyboard.type("9:30")
    page.keyboard.press("Enter")  # Enter saves the request
    expect(page.get_by_role("heading", level=1)).to_contain_text(resident.full_name)
    expect(page.locator("main")).to_contain_text("Huisartsenpraktijk Warffum")
    expect(page.locator("main")).to_contain_text("0,8 km")
    return HelpRequest.objects.filter(resident=resident).latest("pk")


def test_a_coordinators_morning(laptop, live_server, login, demo_coordinator):
    page, url = laptop, live_server.url
    login(page, demo_coordinator, password="dorpsloket-demo")
    expect(page.locator(".request-card").first).to_be_visible()

    # 1. A resident calls: a ride to the GP, 0,8 km away, taken with the keyboard.
    ride = take_a_ride_to_the_gp_by_keyboard(page, url)
    assert str(ride.distance_km) in ("0.8", "0.80", "0.800")
    assert ride.destination.name == "Huisartsenpraktijk Warffum"

    # Triage: nothing speaks against it, so the decision starts on "accepted".
    page.goto(f"{url}/hulpvragen/{ride.pk}/triage/")
    expect(page.get_by_label("Besluit")).to_have_value("accepted")
    page.get_by_role("button", name="Vraagverheldering opslaan").click()
    expect(page.locator("main")).to_contain_text("Vraagverheldering opgeslagen")
    ride.refresh_from_db()
    assert ride.status == Status.SEARCHING

    # 2. The top candidate is asked, with the reasons that speak for them in view.
    page.goto(f"{url}/koppelen/hulpvraag/{ride.pk}/kandidaten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger zoeken")
    top = page.locator("#candidates > li").first
    expect(top.locator(".reasons-for")).to_contain_text("Biedt")
    expect(top.locator(".reasons-for")).to_contain_text("deze rit is 0,8 km")
    top.get_by_role("checkbox").check()
    page.get_by_role("button", name="Vraag de gekozen vrijwilligers").click()
    expect(page.get_by_text("Gevraagd: 1.")).to_be_visible()
    invitation = Invitation.objects.get(help_request=ride)

    # 3. The volunteer rings back and says yes: the coordinator records the phone answer.
    page.get_by_role("button", name="Zei ja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger gevonden")
    expect(page.locator("#matches")).to_contain_text(invitation.volunteer.full_name)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED

    # 4. Another new request turns out to be care: triaged to a referral.
    other = (
        HelpRequest.objects.filter(village__slug="warffum", status=Status.NEW)
        .exclude(pk=ride.pk)
        .order_by("pk")
        .first()
    )
    assert other is not None, "the demo keeps new requests on the board"
    page.goto(f"{url}/hulpvragen/{other.pk}/triage/")
    page.get_by_role("group", name="Is dit eigenlijk professionele zorg").get_by_label("Ja").check()
    expect(page.locator("#triage-proposal")).to_contain_text("Voorstel: doorverwezen")
    expect(page.get_by_label("Besluit")).to_have_value("referred")
    page.get_by_label("Doorverwezen naar").select_option(label="Buurtzorg Hogeland")
    page.get_by_label("Wat is doorgegeven").fill("De vraag en het telefoonnummer, met toestemming")
    page.get_by_role("button", name="Vraagverheldering opslaan").click()
    expect(page.locator("main")).to_contain_text("is doorverwezen naar Buurtzorg Hogeland")
    other.refresh_from_db()
    assert other.status == Status.REFERRED and other.referred_to.name == "Buurtzorg Hogeland"

    # 5. A follow-up call from the to-do list: how did it go?
    todo = next(
        (
            t
            for t in Todo.objects.filter(
                village__slug="warffum", kind=Todo.Kind.FOLLOW_UP, done_at__isnull=True
            )
            if HelpRequest.objects.get(pk=t.about["help_request"]).status == Status.DONE
        ),
        None,
    )
    assert todo is not None, "the demo has a done request waiting for its follow-up call"
    page.goto(f"{url}/te-doen/")
    page.locator(f"#todo-{todo.pk}").get_by_role("link", name="Vastleggen hoe het ging").click()
    expect(page.get_by_role("heading", name="Nabellen: hoe ging het?")).to_be_visible()
    page.get_by_label("goed", exact=True).check()
    page.get_by_label("Notitie voor het logboek").fill("Mevrouw was heel tevreden")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("De hulpvraag is afgesloten.")).to_be_visible()
    expect(page.locator("#todos-done")).to_contain_text("Mevrouw was heel tevreden")

    # 6. A volunteer's worry is passed on, with the resident's consent.
    signal = Signal.objects.filter(village__slug="warffum", status=Signal.Status.OPEN).first()
    assert signal is not None, "the demo has an open signal"
    page.goto(f"{url}/koppelen/signalen/{signal.pk}/")
    page.get_by_label("Doorgegeven aan").select_option(label="Welzijn Hogeland Noord")
    page.get_by_label("de inwoner gaf toestemming", exact=True).check()
    page.get_by_label("Wat is doorgegeven").fill("Gebeld met de ouderenadviseur")
    page.get_by_role("button", name="Vastleggen als doorgegeven").click()
    expect(
        page.get_by_text("het signaal is doorgegeven aan Welzijn Hogeland Noord, met toestemming")
    ).to_be_visible()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.PASSED_ON
