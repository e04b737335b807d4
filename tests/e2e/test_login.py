from playwright.sync_api import expect


def test_coordinator_logs_in_and_lands_on_the_board(page, live_server, login, coordinator):
    login(page, coordinator)
    expect(page).to_have_url(f"{live_server.url}/hulpvragen/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open hulpvragen in Warffum")


def test_volunteer_on_a_phone_logs_in_and_lands_on_their_tasks(
    phone_page, live_server, login, volunteer_user
):
    login(phone_page, volunteer_user)
    expect(phone_page).to_have_url(f"{live_server.url}/vrijwilligers/mijn-taken/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Mijn taken")
    # Nothing sticks out sideways on a phone.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_wrong_password_shows_a_dutch_error_and_keeps_the_address(page, live_server, coordinator):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill("niet-het-goede")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("horen niet bij elkaar")).to_be_visible()
    expect(page.get_by_label("E-mailadres")).to_have_value(coordinator.email)
