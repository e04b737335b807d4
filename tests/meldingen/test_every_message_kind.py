"""Every registered message kind, rendered as it is sent: a text part and an HTML part from
the one base template (viewport, title, one big button, Dutch), readable on a phone. The
HTML parts are also checked with axe-core in tests/e2e/test_accessibility.py."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.calendar import AMSTERDAM
from accounts.roles import Role
from koppelingen import services
from koppelingen.models import Occurrence
from meldingen import registry
from meldingen.messages import build
from tests.factories import UserFactory, user_with_role
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory
from vrijwilligers.models import ConfirmationRequest, ConfirmationRound

pytestmark = pytest.mark.django_db

BUTTON = "display: block; background: #1b4f72"


def _ride(village, status="searching"):
    resident = ResidentFactory(
        village=village,
        first_name="Aaltje",
        last_name="Wierenga",
        street="Hoofdstraat",
        house_number=7,
        phone="0595123456",
    )
    return HelpRequestFactory(
        village=village,
        resident=resident,
        category=category("vervoer"),
        description="Naar de polikliniek oogheelkunde",
        destination_text="Martini Ziekenhuis Groningen",
        distance_km="0.8",
        needed_on=timezone.localdate() + timedelta(days=3),
        time_from=time(9, 30),
        appointment_time=time(10, 15),
        return_trip=True,
        wait_at_destination=True,
        status=status,
    )


def _invitation(village):
    ride = _ride(village)
    volunteer = MatchableVolunteerFactory(village=village, first_name="Jan", offers=[])
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    return invitation


def _accepted(village):
    invitation = _invitation(village)
    services.invitation_accept(invitation=invitation)
    return invitation.assignment


def _occurrence(village):
    ride = _ride(village, status="active")
    volunteer = MatchableVolunteerFactory(village=village, offers=[])
    turn = Occurrence.objects.create(
        village=village,
        help_request=ride,
        volunteer=volunteer,
        starts_at=datetime.combine(ride.needed_on, time(10, 0), tzinfo=AMSTERDAM),
    )
    return {"occurrence": turn.pk, "volunteer": volunteer.pk}


def _volunteer_invitation(village):
    volunteer = MatchableVolunteerFactory(village=village, first_name="Jan", offers=[])
    user = UserFactory(email="jan.vant.hof@example.nl")
    user.set_unusable_password()
    user.save()
    return {"volunteer": volunteer.pk, "user": user.pk}


def _confirmation_request(village):
    volunteer = MatchableVolunteerFactory(village=village, first_name="Jan", offers=[])
    round_ = ConfirmationRound.objects.create(
        village=village, year=2026, started_on=timezone.localdate()
    )
    request = ConfirmationRequest.objects.create(
        village=village,
        round=round_,
        volunteer=volunteer,
        method="email",
        created_on=timezone.localdate(),
    )
    return {"request": request.pk}


def _entry_check(village):
    from sociale_kaart.services import entry_check_send
    from tests.sociale_kaart.factories import ContactPersonFactory, OrganisationFactory

    organisation = OrganisationFactory(name="Wmo-loket Het Hogeland", villages=[village])
    ContactPersonFactory(organisation=organisation, name="Wim Bakker", email="wim@example.nl")
    return {"check": entry_check_send(organisation=organisation, village=village).pk}


def _password_reset(village):
    return {"user": user_with_role(Role.COORDINATOR, village).pk}


# One way to make a message of each kind that applies (a new kind needs a line here).
CONTEXTS = {
    "invitation": lambda v: {"invitation": _invitation(v).pk},
    "reminder": lambda v: (lambda a: {"assignment": a.pk, "task_date": str(a.task_date)})(
        _accepted(v)
    ),
    "report_ask": lambda v: {"assignment": _accepted(v).pk},
    "occurrence_reminder": _occurrence,
    "escalation": lambda v: {"help_request": _ride(v, status="new").pk},
    "volunteer_invitation": _volunteer_invitation,
    "signup_notice": lambda v: {
        "volunteer": MatchableVolunteerFactory(village=v, last_name="van 't Hof", offers=[]).pk
    },
    "confirmation_request": _confirmation_request,
    "password_reset": _password_reset,
    "entry_check": _entry_check,
}


def every_message(village):
    """(kind, message) of every registered kind."""
    return [(kind, build(kind, CONTEXTS[kind](village))) for kind in registry.message_kinds()]


def test_every_kind_has_a_way_to_make_it():
    assert set(registry.message_kinds()) <= set(CONTEXTS), "add the new kind to CONTEXTS"


@pytest.mark.parametrize("kind", sorted(CONTEXTS))
def test_every_kind_has_a_text_and_a_phone_sized_html_part(kind, village):
    village.desk_phone = "0595442453"
    village.save()
    message = build(kind, CONTEXTS[kind](village))
    assert message is not None
    assert message.subject and "\n" not in message.subject
    assert message.text.strip() and "<" not in message.text
    html = message.html
    assert html is not None
    assert '<html lang="nl">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title == message.subject.replace("'", "&#x27;").replace('"', "&quot;")
    assert html.count(BUTTON) == 1, "one big button"
    assert "0595 44 24 53" in html
    # nothing left untranslated from the English source
    assert "Dear " not in message.text and "Thank you" not in html


def test_the_invitation_says_what_when_where_and_nothing_more(village):
    village.desk_phone = "0595442453"
    village.save()
    message = build("invitation", CONTEXTS["invitation"](village))
    for part in (message.text, message.html):
        assert "Vervoer" in part and "Aaltje" in part
        assert "09:30" in part and "10:15" in part  # departure and appointment
        assert "Martini Ziekenhuis Groningen" in part and "0,8 km" in part
        assert "en terug" in part and "wachten ter plaatse" in part
        assert "0595 44 24 53" in part
        assert "Hoofdstraat" in part
        # before saying yes: no house number, surname or phone of the resident
        assert "Hoofdstraat 7" not in part and "Wierenga" not in part
        assert "0595123456" not in part and "0595 12 34 56" not in part
