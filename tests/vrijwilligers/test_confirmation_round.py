"""The yearly confirmation round: e-mails, call list, flags, idempotence, the token page."""

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from meldingen import jobs
from meldingen.models import Notification
from tests.outbox import send_outbox
from vrijwilligers.confirmation import confirmation_token, request_pk_from_token
from vrijwilligers.models import ConfirmationRequest
from vrijwilligers.services import confirmation_round_run

from .factories import VolunteerFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def people(village):
    return {
        "mail": VolunteerFactory(village=village, first_name="Roelf", last_confirmed_on=None),
        "phone_only": VolunteerFactory(village=village, first_name="Trijntje", email=""),
        "stopped": VolunteerFactory(
            village=village, status="stopped", stopped_on=TODAY, stop_reason="moved"
        ),
        "recent": VolunteerFactory(village=village, last_confirmed_on=TODAY - timedelta(days=10)),
        "other_village": VolunteerFactory(),
    }


def test_round_mails_active_volunteers_and_lists_those_without_email(village, people):
    result = confirmation_round_run(village=village, today=TODAY)
    assert result.emailed == [people["mail"]]
    assert result.to_call == [people["phone_only"]]
    send_outbox()
    assert len(mail.outbox) == 1
    send_outbox()
    assert mail.outbox[0].to == [people["mail"].email]
    send_outbox()
    assert "/vrijwilligers/bevestigen/" in mail.outbox[0].body
    send_outbox()
    assert "Roelf" in mail.outbox[0].body


def test_running_the_round_twice_sends_nothing_twice(village, people):
    confirmation_round_run(village=village, today=TODAY)
    second = confirmation_round_run(village=village, today=TODAY + timedelta(days=1))
    assert second.emailed == []
    send_outbox()
    assert len(mail.outbox) == 1
    assert ConfirmationRequest.objects.count() == 2


def test_a_volunteer_added_later_is_asked_in_the_next_run(village, people):
    confirmation_round_run(village=village, today=TODAY)
    newcomer = VolunteerFactory(village=village)
    result = confirmation_round_run(village=village, today=TODAY + timedelta(days=7))
    assert result.emailed == [newcomer]


def test_non_responders_are_flagged_after_the_set_number_of_weeks(village, people):
    confirmation_round_run(village=village, today=TODAY, respond_within_weeks=3)
    early = confirmation_round_run(village=village, today=TODAY + timedelta(weeks=3, days=-1))
    assert early.flagged == []
    late = confirmation_round_run(village=village, today=TODAY + timedelta(weeks=3))
    assert set(late.flagged) == {people["mail"], people["phone_only"]}
    again = confirmation_round_run(village=village, today=TODAY + timedelta(weeks=4))
    assert again.flagged == []  # flagged once


def test_a_failed_email_is_retried_by_the_outbox_and_asked_once(village, people, settings):
    settings.EMAIL_BACKEND = "tests.meldingen.test_outbox.FailingBackend"
    confirmation_round_run(village=village, today=TODAY)
    send_outbox()
    assert mail.outbox == []
    row = Notification.objects.get(template="confirmation_request")
    assert (row.status, row.attempts) == ("pending", 1)  # waits for the next attempt
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    confirmation_round_run(village=village, today=TODAY)  # asks nobody twice
    jobs.outbox(row.due_at)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(template="confirmation_request").count() == 1


def test_management_command_runs_the_round_once(village, people):
    out = StringIO()
    with time_machine.travel(date(2026, 3, 2), tick=False):
        call_command("bevestigingsronde", "--village", "warffum", "--weeks", "2", stdout=out)
        call_command("bevestigingsronde", "--village", "warffum", stdout=out)
    send_outbox()
    assert len(mail.outbox) == 1
    assert "1 e-mailed, 1 on the call list" in out.getvalue()
    assert ConfirmationRequest.objects.first().round.respond_within_weeks == 2


def test_the_link_in_the_email_confirms_without_login(client, village, people):
    with time_machine.travel(TODAY, tick=False):
        confirmation_round_run(village=village, today=TODAY)
        send_outbox()
        path = next(
            line.strip().replace("http://127.0.0.1:8000", "")
            for line in mail.outbox[0].body.splitlines()
            if "/bevestigen/" in line
        )
        page = client.get(path)
        assert "Hallo Roelf" in page.content.decode()
        client.post(path, {"note": "Ik rijd niet meer in het donker."})
    volunteer = people["mail"]
    volunteer.refresh_from_db()
    assert volunteer.last_confirmed_on == TODAY
    request = ConfirmationRequest.objects.get(volunteer=volunteer)
    assert request.responded_on == TODAY
    assert request.response_note == "Ik rijd niet meer in het donker."
    change = volunteer.changes.get()
    assert change.by_volunteer and change.text == "Ik rijd niet meer in het donker."


def test_an_expired_or_forged_token_is_refused(village, people):
    confirmation_round_run(village=village, today=TODAY)
    request = ConfirmationRequest.objects.get(volunteer=people["mail"])
    token = confirmation_token(request)
    assert request_pk_from_token(token) == request.pk
    assert request_pk_from_token(token[:-2] + "xx") is None
    with time_machine.travel(date.today() + timedelta(days=61)):
        assert request_pk_from_token(token) is None


def test_coordinator_sees_the_call_list_and_notes_a_phone_confirmation(
    client, village, coordinator, people
):
    with time_machine.travel(TODAY, tick=False):
        confirmation_round_run(village=village, today=TODAY)
        client.force_login(coordinator)
        page = client.get(reverse("vrijwilligers:confirmation_round"))
        assert "Trijntje" in page.content.decode()
        client.post(
            reverse("vrijwilligers:confirmed_by_phone", args=[people["phone_only"].pk]),
            {"next": "round"},
        )
        page = client.get(reverse("vrijwilligers:confirmation_round"))
    assert page.context["to_call"] == []
    people["phone_only"].refresh_from_db()
    assert people["phone_only"].last_confirmed_on == TODAY


# --- the round page shows one state at a time ------------------------------------------------


def test_round_state_is_not_started_running_or_done():
    from vrijwilligers.confirmation import round_state

    assert round_state(started=False, asked=0, answered=0) == "not_started"
    assert round_state(started=True, asked=3, answered=1) == "running"
    assert round_state(started=True, asked=3, answered=3) == "done"
    assert round_state(started=True, asked=0, answered=0) == "done"


def test_an_answer_is_late_when_flagged_or_after_the_weeks():
    from vrijwilligers.confirmation import is_answer_late

    late = {"asked_on": TODAY, "answered_on": None, "flagged_on": None, "weeks": 4}
    assert not is_answer_late(**late, today=TODAY + timedelta(weeks=4, days=-1))
    assert is_answer_late(**late, today=TODAY + timedelta(weeks=4))
    assert is_answer_late(**(late | {"flagged_on": TODAY}), today=TODAY)
    assert not is_answer_late(**(late | {"answered_on": TODAY}), today=TODAY + timedelta(weeks=9))


def test_the_demo_round_page_says_not_started_and_nothing_about_answers(client, db):
    # The demo has no round this year: the page said "nog niet begonnen" and, below it,
    # "Iedereen heeft op tijd geantwoord".
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    assert client.login(username="coordinator@warffum.example", password="dorpsloket-demo")
    page = client.get(reverse("vrijwilligers:confirmation_round")).content.decode()
    assert "De ronde van dit jaar is nog niet begonnen." in page
    assert "geantwoord" not in page
    assert "Bellijst" not in page


def test_the_round_page_while_running_and_when_done(client, village, coordinator, people):
    with time_machine.travel(TODAY, tick=False):
        confirmation_round_run(village=village, today=TODAY)
        client.force_login(coordinator)
        page = client.get(reverse("vrijwilligers:confirmation_round")).content.decode()
        assert "De ronde loopt: begonnen op 2 maart 2026" in page
        assert "0 van de 2 vrijwilligers hebben geantwoord; 2 moeten nog antwoorden." in page
        assert "Nog niemand is te laat: vrijwilligers hebben 4 weken om te antwoorden." in page
        assert "nog niet begonnen" not in page
        assert "Iedereen heeft geantwoord" not in page
    with time_machine.travel(TODAY + timedelta(weeks=5), tick=False):
        client.force_login(coordinator)  # a new working day, a new session
        page = client.get(reverse("vrijwilligers:confirmation_round")).content.decode()
        assert "Niet op tijd geantwoord" in page
        assert "Trijntje" in page and "Nog niemand is te laat" not in page
        for volunteer in (people["mail"], people["phone_only"]):
            client.post(
                reverse("vrijwilligers:confirmed_by_phone", args=[volunteer.pk]), {"next": "round"}
            )
        page = client.get(reverse("vrijwilligers:confirmation_round")).content.decode()
    assert "De ronde is klaar" in page
    assert "Iedereen heeft geantwoord: 2 van de 2 vrijwilligers." in page
    assert "nog niet begonnen" not in page and "Bellijst" not in page


def test_a_stopped_volunteers_confirmation_link_says_how_to_reach_the_desk(client, village):
    from django.utils import timezone

    from vrijwilligers.models import ConfirmationRound

    village.desk_phone = "0595442453"
    village.save()
    volunteer = VolunteerFactory(village=village, status="stopped", stop_reason="moved")
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
    response = client.get(
        reverse("vrijwilligers:confirm_token", args=[confirmation_token(request)])
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze link werkt niet meer" in html
    assert "0595 44 24 53" in html
