"""Two-step login in the browser at laptop size: the set-up at the first login, the code at
the next."""

from django_otp.oath import TOTP
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.two_factor import hex_key_from_base32
from tests.factories import TEST_PASSWORD, user_with_role
from tests.two_factor import current_code


def code_for_secret(secret: str) -> str:
    return f"{TOTP(bytes.fromhex(hex_key_from_base32(secret))).token():06d}"


def test_a_coordinator_sets_up_the_app_at_the_first_login(page, live_server, village):
    coordinator = user_with_role(
        Role.COORDINATOR, village, second_factor=False, full_name="Femke van 't Hof"
    )
    page.goto(f"{live_server.url}/hulpvragen/")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name="QR-code voor de authenticator-app")).to_be_visible()
    # The menu is not there yet: only the set-up and logging out.
    page.goto(f"{live_server.url}/vrijwilligers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")

    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Bevestigen en verder").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    page.get_by_role("textbox", name="Code").fill(code_for_secret(secret))
    page.get_by_role("button", name="Bevestigen en verder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
    expect(page).to_have_url(f"{live_server.url}/vrijwilligers/")


def test_the_next_login_asks_for_the_code(page, live_server, coordinator):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Typ de code uit uw app")
    page.get_by_role("textbox", name="Code").fill(current_code(coordinator))
    page.get_by_role("button", name="Code controleren").click()
    expect(page).to_have_url(f"{live_server.url}/hulpvragen/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open hulpvragen in Warffum")


def test_the_idle_warning_keeps_the_coordinator_logged_in_and_what_is_typed(
    page, live_server, login, coordinator
):
    """The page's clock runs ahead (Playwright's clock), the server's does not: the warning
    comes two minutes before the 30-minute idle limit, "stay logged in" asks the server, and
    at the end the page says so without losing what was typed."""
    page.clock.install()
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/nieuw/")
    warning = page.locator("#idle-warning")
    expect(warning).to_be_hidden()
    page.clock.run_for("28:30")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Bent u nog bezig?")
    with page.expect_response("**/sessie/verlengen/") as answer:
        page.get_by_role("button", name="Ja, ingelogd blijven").click()
    assert answer.value.ok
    expect(warning).to_be_hidden()

    page.locator("#id_description").fill("Naar de huisarts, terug met de bus")
    page.clock.run_for("31:00")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Wat u typte staat nog op deze pagina")
    expect(page.locator("#id_description")).to_have_value("Naar de huisarts, terug met de bus")
