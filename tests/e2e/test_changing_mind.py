"""A volunteer changes their mind on a 390×844 phone: yes after a no, and "I cannot after
all" after a yes (the desk gets a to-do, the request looks for someone again)."""

from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Assignment, Invitation
from meldingen.models import Todo
from tests.e2e.test_koppelingen import make_ride
from tests.hulpvragen.factories import category
from tests.koppelingen.factories import MatchableVolunteerFactory

from .targets import small_targets


def _invited(village):
    ride = make_ride(village)
    volunteer = MatchableVolunteerFactory(
        village=village, first_name="Jan", last_name="van 't Hof", offers=[category("vervoer")]
    )
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    return invitation


def test_no_then_yes_after_all(phone_page, live_server, village):
    invitation = _invited(village)
    page = phone_page
    page.goto(live_server.url + services.invitation_link(invitation))
    page.get_by_role("button", name="Nee, deze keer niet").click()
    expect(page.get_by_text("U heeft nee gezegd")).to_be_visible()
    assert small_targets(page) == []
    page.get_by_role("button", name="Toch wel? Ik doe het").click()
    expect(page.get_by_text("Dank u wel! U doet deze taak.")).to_be_visible()
    expect(page.get_by_text("Hoofdstraat 7, 9989 AB")).to_be_visible()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_yes_then_i_cannot_after_all(phone_page, live_server, village):
    invitation = _invited(village)
    page = phone_page
    page.goto(live_server.url + services.invitation_link(invitation))
    page.get_by_role("button", name="Ja, ik doe het").click()
    expect(page.get_by_text("Dank u wel! U doet deze taak.")).to_be_visible()
    assert small_targets(page) == []
    page.get_by_role("button", name="Ik kan toch niet").click()
    expect(page.get_by_text("Het loket zoekt iemand anders")).to_be_visible()
    expect(page.get_by_text("Hoofdstraat 7, 9989 AB")).to_have_count(0)
    expect(page.get_by_role("button", name="Toch wel? Ik doe het")).to_be_visible()
    assert Assignment.objects.get().status == Assignment.Status.WITHDRAWN
    invitation.help_request.refresh_from_db()
    assert invitation.help_request.status == Status.SEARCHING
    assert Todo.objects.filter(kind=Todo.Kind.GAVE_BACK, title__contains="van 't Hof").exists()


def test_the_report_asks_why_not_only_when_it_did_not_happen(phone_page, live_server, village):
    invitation = _invited(village)
    services.invitation_accept(invitation=invitation)
    page = phone_page
    page.goto(live_server.url + services.invitation_link(invitation))
    page.get_by_role("link", name="Achteraf terugmelden").click()
    why = page.get_by_label("Waarom niet?")
    expect(why).to_be_hidden()
    page.get_by_label("niet doorgegaan", exact=True).check()
    expect(why).to_be_visible()
    page.get_by_label("gedaan", exact=True).check()
    expect(why).to_be_hidden()
    assert small_targets(page) == []
