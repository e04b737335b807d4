"""Stopping a volunteer: the coordinator confirms on a laptop; the volunteer's link on a phone
then says, in Dutch, that the task is no longer theirs, and shows no address."""

from django.utils import timezone
from playwright.sync_api import expect

from koppelingen import services as matching
from koppelingen.models import Invitation
from tests.e2e.test_koppelingen import make_ride
from vrijwilligers.models import StopReason
from vrijwilligers.services import volunteer_stop


def test_a_stopped_volunteers_link_says_the_task_is_no_longer_theirs(
    phone_page, live_server, volunteer_user, village
):
    ride = make_ride(village)
    volunteer = volunteer_user.volunteer_record
    (invitation,) = matching.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    link = live_server.url + matching.invitation_link(invitation)
    volunteer_stop(
        volunteer=volunteer,
        by=None,
        on=timezone.localdate(),
        reason=StopReason.BECAME_REQUESTER,
    )

    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Deze taak is niet meer voor u")
    expect(phone_page.locator("#task-no-longer-yours")).to_contain_text(
        "u bent bij ons geen actieve vrijwilliger meer"
    )
    body = phone_page.locator("main, body").first
    expect(body).not_to_contain_text("Hoofdstraat")
    expect(body).not_to_contain_text("0595")
    expect(phone_page.get_by_role("button", name="Ja, ik doe het")).to_have_count(0)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN


def test_coordinator_stops_a_volunteer_after_confirming(
    page, live_server, login, coordinator, volunteer_user, village
):
    ride = make_ride(village)
    volunteer = volunteer_user.volunteer_record
    matching.invitations_send(help_request=ride, volunteers=[volunteer], by=None)

    login(page, coordinator)
    page.goto(f"{live_server.url}/vrijwilligers/{volunteer.pk}/")
    page.get_by_role("link", name="Stoppen als vrijwilliger…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stopt Jan Huizinga als vrijwilliger?"
    )
    consequences = page.locator("#stop-consequences")
    expect(consequences).to_contain_text("1 openstaande uitnodiging wordt ingetrokken")
    expect(consequences).to_contain_text("Vervoer voor Aaltje")
    reason = page.get_by_label("Reden")
    expect(reason).to_have_value("")

    # No reason chosen: nothing happens, the page says what is missing.
    page.get_by_label("Opmerking (mag leeg blijven)").fill("Verhuist naar Groningen")
    page.get_by_role("button", name="Ja, stoppen als vrijwilliger").click()
    expect(page.get_by_text("Kies de reden van stoppen.")).to_be_visible()
    expect(page.get_by_label("Opmerking (mag leeg blijven)")).to_have_value(
        "Verhuist naar Groningen"
    )
    volunteer.refresh_from_db()
    assert volunteer.status == "active"

    reason.select_option(label="verhuisd")
    page.get_by_role("button", name="Ja, stoppen als vrijwilliger").click()
    expect(page.get_by_text("Jan Huizinga is gestopt als vrijwilliger.")).to_be_visible()
    expect(page.get_by_text("1 openstaande uitnodiging is ingetrokken.")).to_be_visible()
    expect(page.locator(".history")).to_contain_text(
        "uitnodigingen ingetrokken: Vervoer voor Aaltje"
    )
    volunteer.refresh_from_db()
    assert volunteer.status == "stopped"
    assert volunteer.stop_reason == StopReason.MOVED
