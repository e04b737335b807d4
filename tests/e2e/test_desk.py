from playwright.sync_api import expect


def test_coordinator_sets_the_desk_phone_and_finds_it_on_the_not_found_page(
    page, live_server, login, coordinator
):
    login(page, coordinator)
    page.get_by_role("button", name="Meer").click()
    page.get_by_role("link", name="Gegevens van het loket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Zo bereiken mensen het dorpsloket in Warffum"
    )
    page.get_by_label("Telefoonnummer van het dorpsloket").fill("0595-442453")
    page.get_by_label("E-mailadres van het dorpsloket").fill("dorpsloket@warffum.example")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gegevens van het loket zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Telefoonnummer van het dorpsloket")).to_have_value("0595 44 24 53")

    response = page.goto(f"{live_server.url}/hulpvragen/bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    expect(page.get_by_role("link", name="0595 44 24 53")).to_have_attribute(
        "href", "tel:0595442453"
    )
    page.get_by_role("link", name="Naar de startpagina").click()
    expect(page).to_have_url(f"{live_server.url}/hulpvragen/")
