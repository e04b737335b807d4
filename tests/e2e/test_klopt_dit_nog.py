""" "Klopt dit nog?" in a real browser: the organisation's contact person corrects the entry
on a phone through the link in the e-mail (no login), and the coordinator accepts it."""

import re
from datetime import date

from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from sociale_kaart.models import Organisation
from tests.outbox import send_outbox
from tests.sociale_kaart.factories import ContactPersonFactory, OrganisationFactory

from .targets import small_targets
from .test_accessibility import OPTIONS

axe = Axe()


def _violations(page):
    return [v["id"] for v in axe.run(page, options=OPTIONS).response["violations"]]


def test_the_organisation_corrects_its_entry_on_a_phone_and_the_coordinator_accepts(
    phone_page, page, live_server, login, coordinator, village
):
    wmo = OrganisationFactory(
        name="Wmo-loket Het Hogeland",
        villages=[village],
        phone="0595 12 34 56",
        postcode="9989 AB",
        town="Winsum",
        last_verified_on=date(2024, 1, 10),
    )
    ContactPersonFactory(
        organisation=wmo, name="Wim Bakker", email="wim@hogeland.example", is_fixed_contact=True
    )

    # The coordinator sees the stale entry and asks the organisation now.
    login(page, coordinator)
    page.goto(f"{live_server.url}/sociale-kaart/")
    page.get_by_role("link", name="Vraag het de organisaties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Klopt dit nog? Controles van de sociale kaart"
    )
    stale = page.get_by_role("row", name=re.compile("Wmo-loket Het Hogeland"))
    expect(stale).to_contain_text("nog niet")
    stale.get_by_role("button", name=re.compile("Nu vragen")).click()
    expect(page.get_by_text("krijgt per e-mail (wim@hogeland.example)")).to_be_visible()
    expect(stale).to_contain_text("Wim Bakker (wim@hogeland.example)")
    expect(stale).to_contain_text("nog geen antwoord")
    assert _violations(page) == []

    send_outbox()
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+(/sociale-kaart/klopt-dit-nog/\S+/)", body).group(1)

    # Wim opens the link on his phone: no login, the entry prefilled.
    phone = phone_page
    phone.goto(live_server.url + link)
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Klopt dit nog? Wmo-loket Het Hogeland"
    )
    expect(phone.get_by_label("Telefoon")).to_have_value("0595 12 34 56")
    assert _violations(phone) == []
    assert small_targets(phone) == []
    phone.get_by_label("Uw naam").fill("Wim Bakker")
    phone.get_by_label("Telefoon").fill("0595 99 88 77")
    phone.get_by_label("Postcode").fill("0123")
    phone.get_by_role("button", name="Mijn correcties versturen").click()
    expect(phone.get_by_text("Vul een postcode in zoals 9989 AB.")).to_be_visible()
    expect(phone.get_by_label("Telefoon")).to_have_value("0595 99 88 77")  # nothing lost
    phone.get_by_label("Postcode").fill("9951 ab")
    phone.get_by_role("button", name="Mijn correcties versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Dank u wel!")
    expect(phone.get_by_text("We hebben uw correcties voor Wmo-loket Het Hogeland")).to_be_visible()
    assert _violations(phone) == []
    wmo.refresh_from_db()
    assert wmo.phone == "0595 12 34 56"  # not yet: the desk decides

    # The coordinator reviews the proposal and accepts it.
    page.reload()
    proposals = page.get_by_role("region", name="Correcties om te beoordelen")
    expect(proposals).to_contain_text("voorgesteld door Wim Bakker")
    expect(page.get_by_role("row", name=re.compile("Wmo-loket"))).to_contain_text(
        "Wim Bakker: stuurde een correctie"
    )
    proposals.get_by_role("link", name=re.compile("Beoordelen")).click()
    expect(page.get_by_role("row", name=re.compile("Telefoon"))).to_contain_text("0595 99 88 77")
    expect(page.get_by_role("row", name=re.compile("Postcode"))).to_contain_text("9951 AB")
    assert _violations(page) == []
    page.get_by_role("button", name="Overnemen en de vermelding bijwerken").click()
    expect(page.get_by_text("De correctie is overgenomen")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wmo-loket Het Hogeland")
    expect(page.locator("body")).to_contain_text("0595 99 88 77")
    wmo = Organisation.objects.get(pk=wmo.pk)
    assert (wmo.phone, wmo.postcode) == ("0595 99 88 77", "9951 AB")

    # The link has done its work.
    phone.goto(live_server.url + link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Dank u wel!")


def test_a_broken_link_gets_a_friendly_page_on_a_phone(phone_page, live_server):
    phone_page.goto(f"{live_server.url}/sociale-kaart/klopt-dit-nog/kapot:link/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    assert _violations(phone_page) == []
