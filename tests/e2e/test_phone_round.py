"""The phone round at 1366×768 on the demo: a volunteer who wants a call is on it with the
number and what to say; one click records the yes with a note, and an unreadable text
message is ticked off with what was said."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Invitation, LogEntry
from meldingen.models import Todo
from meldingen.services import todo_add
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory


def test_ringing_round_the_volunteers_who_want_a_call(laptop, live_server, login, demo_coordinator):
    village = demo_coordinator.memberships.first().village
    resident = ResidentFactory(village=village, first_name="Trientje", street="Schoolstraat")
    ride = HelpRequestFactory(
        village=village,
        resident=resident,
        category=category("vervoer"),
        needed_on=timezone.localdate() + timedelta(days=1),
        status=Status.SEARCHING,
    )
    grietje = MatchableVolunteerFactory(
        village=village,
        first_name="Grietje",
        last_name="Belmij",
        email="",
        phone="0595123499",
        contact_channel="call",
    )
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[grietje], by=None)
    todo, _ = todo_add(
        village=village,
        kind=Todo.Kind.SMS_REPLY,
        key="e2e-sms-reply",
        title="Lees het antwoord van Klaas Smsje",
        detail="“kan pas om 3 uur”",
        due_on=timezone.localdate(),
    )
    login(laptop, demo_coordinator, password="dorpsloket-demo")
    laptop.get_by_role("link", name="Belronde").click()
    expect(laptop.get_by_role("heading", name="Belronde")).to_be_visible()
    card = laptop.locator(".call", has_text="Grietje Belmij")
    expect(card).to_contain_text("0595 12 34 99")
    expect(card.get_by_role("link", name="0595 12 34 99")).to_have_attribute(
        "href", "tel:0595123499"
    )
    expect(card).to_contain_text("Vervoer doen voor Trientje (Schoolstraat)")
    card.get_by_label("Opmerking").fill("Neemt een kussen mee")
    card.get_by_role("button", name="Zei ja").click()
    expect(laptop.get_by_text("Grietje Belmij doet het.")).to_be_visible()
    expect(laptop.locator(".call", has_text="Grietje Belmij")).to_have_count(0)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert LogEntry.objects.get(kind=LogEntry.Kind.CALLED).text == "Neemt een kussen mee"

    sms = laptop.locator(".call", has_text="Klaas Smsje")
    expect(sms).to_contain_text("kan pas om 3 uur")
    sms.get_by_label("Wat er gezegd is").fill("Om 3 uur kan ook, heb het aangepast")
    sms.get_by_role("button", name="Gebeld").click()
    expect(laptop.locator(".call", has_text="Klaas Smsje")).to_have_count(0)
    todo.refresh_from_db()
    assert todo.done_note == "Om 3 uur kan ook, heb het aangepast"
