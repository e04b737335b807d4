"""Invitations by text message, answered by reply, against a fake CM.com gateway on
localhost: the invitation goes out with its code, "Ja hoor!" accepts, "kan pas om 3 uur"
becomes a to-do with the text kept, the same message twice changes nothing, a forged
signature is refused, and two open invitations are answered each by its code."""

import json

import pytest
from django.urls import reverse

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Invitation, LogEntry
from meldingen.models import InboundSMS, Notification, Todo
from meldingen.views import SIGNATURE_HEADER, inbound_signature
from tests.hulpvragen.factories import HelpRequestFactory, category
from tests.outbox import send_outbox

pytestmark = pytest.mark.django_db
SECRET = "gedeeld-geheim-voor-sms"


@pytest.fixture
def gateway(cm, settings, village):
    settings.SMS_INBOUND_SECRET = SECRET
    village.desk_phone = "0595442453"
    village.save()
    return cm


@pytest.fixture
def jan(make_volunteer):
    return make_volunteer(
        first_name="Jan", last_name="Hof", email="", phone="0612345678", contact_channel="sms"
    )


def texts_to(gateway, number="0031612345678"):
    return [
        msg["body"]["content"]
        for request in gateway.requests
        for msg in request["messages"]["msg"]
        if msg["to"][0]["number"] == number
    ]


def reply(client, text, message_id, sender="+31612345678", secret=SECRET, signature=None):
    body = json.dumps({"from": sender, "to": "0031970102030", "message": text, "id": message_id})
    return client.post(
        reverse("meldingen:sms_inbound"),
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: signature or inbound_signature(body.encode(), secret)},
    )


def ask(ride, volunteer):
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    send_outbox()
    return invitation


def test_the_invitation_goes_by_text_message_with_its_code(gateway, ride, jan):
    invitation = ask(ride, jan)
    assert invitation.channel == Invitation.Channel.SMS and invitation.sms_code == "1"
    (text,) = texts_to(gateway)
    assert "Vervoer voor Aaltje" in text and "09:30" in text and "Hoofdstraat" in text
    assert "JA 1" in text and "NEE 1" in text and "0595 44 24 53" in text
    assert "Hoofdstraat 7" not in text  # the house number only once accepted


def test_ja_hoor_accepts_and_the_answer_brings_the_address(client, gateway, ride, jan):
    invitation = ask(ride, jan)
    assert reply(client, "Ja hoor!", "cm-1").status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    ride.refresh_from_db()
    assert ride.status == Status.MATCHED
    line = LogEntry.objects.get(kind=LogEntry.Kind.SMS_REPLY)
    assert (line.text, line.volunteer, line.help_request) == ("Ja hoor!", jan, ride)
    send_outbox()
    answer = texts_to(gateway)[-1]
    assert "Dank u wel, Jan" in answer and "Hoofdstraat 7" in answer


def test_a_reply_the_app_cannot_read_for_sure_becomes_a_todo_and_decides_nothing(
    client, gateway, ride, jan
):
    invitation = ask(ride, jan)
    reply(client, "kan pas om 3 uur", "cm-2")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    todo = Todo.objects.get(kind=Todo.Kind.SMS_REPLY)
    assert todo.title == "Lees het antwoord van Jan Hof"
    assert "“kan pas om 3 uur”" in todo.detail
    assert todo.link == reverse("koppelingen:candidates", args=[ride.pk])
    assert LogEntry.objects.get(kind=LogEntry.Kind.SMS_REPLY).text == "kan pas om 3 uur"
    send_outbox()
    assert "leest" in texts_to(gateway)[-1]  # the volunteer hears the desk reads it


def test_the_same_message_twice_changes_nothing(client, gateway, ride, jan):
    ask(ride, jan)
    for _ in range(2):
        assert reply(client, "nee helaas", "cm-3").status_code == 200
    send_outbox()
    assert InboundSMS.objects.count() == 1
    assert LogEntry.objects.filter(kind=LogEntry.Kind.SMS_REPLY).count() == 1
    assert LogEntry.objects.filter(kind=LogEntry.Kind.DECLINED).count() == 1
    assert Notification.objects.filter(template="sms_answer").count() == 1
    assert len(texts_to(gateway)) == 2  # the invitation and one answer


def test_a_forged_or_missing_signature_is_refused_and_nothing_is_stored(client, gateway, ride, jan):
    invitation = ask(ride, jan)
    assert reply(client, "JA", "cm-4", secret="geraden").status_code == 403
    assert reply(client, "JA", "cm-5", signature="sha256=").status_code == 403
    assert InboundSMS.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_without_a_secret_the_address_does_not_exist(client, gateway, settings):
    settings.SMS_INBOUND_SECRET = ""
    assert reply(client, "JA", "cm-6").status_code == 404


def test_a_message_without_sender_text_or_id_is_a_400(client, gateway):
    body = json.dumps({"from": "0612345678", "message": ""})
    response = client.post(
        reverse("meldingen:sms_inbound"),
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: inbound_signature(body.encode(), SECRET)},
    )
    assert response.status_code == 400


def test_two_open_invitations_are_answered_each_by_its_code(client, gateway, ride, resident, jan):
    garden = HelpRequestFactory(
        village=resident.village,
        resident=resident,
        category=category("klus"),
        needed_on=ride.needed_on,
        status=Status.SEARCHING,
    )
    first, second = ask(ride, jan), ask(garden, jan)
    assert (first.sms_code, second.sms_code) == ("1", "2")
    reply(client, "Ja", "cm-7")  # which one? nothing decided
    assert Todo.objects.get(kind=Todo.Kind.SMS_REPLY).detail.endswith(
        "er staan meer uitnodigingen open; het antwoord noemt er geen"
    )
    reply(client, "JA 2", "cm-8")
    reply(client, "nee 1", "cm-9")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Invitation.Status.DECLINED, "accepted")


def test_a_yes_to_a_filled_task_gets_a_kind_text_back(client, gateway, ride, jan, make_volunteer):
    invitation = ask(ride, jan)
    piet = make_volunteer(first_name="Piet")
    (other,) = services.invitations_send(help_request=ride, volunteers=[piet], by=None)
    services.invitation_accept(invitation=other)
    reply(client, "ja", "cm-10")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.TOO_LATE
    send_outbox()
    assert "al iemand" in texts_to(gateway)[-1]


def test_a_yes_to_a_withdrawn_invitation_gets_a_kind_text_back(client, gateway, ride, jan):
    invitation = ask(ride, jan)
    services.invitations_withdraw_for_volunteer(volunteer=jan)
    reply(client, "ja 1", "cm-11")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN
    send_outbox()
    assert "niet meer nodig" in texts_to(gateway)[-1]


def test_a_text_from_an_unknown_number_is_kept_and_decides_nothing(client, gateway):
    assert reply(client, "JA", "cm-12", sender="0687654321").status_code == 200
    inbound = InboundSMS.objects.get()
    assert (inbound.outcome, inbound.text) == ("unknown_sender", "JA")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_text_invitations_for_one_volunteer_at_the_same_moment_get_two_codes(
    ride, resident, jan
):
    """The other invitation is made in a second connection that holds the volunteer's row
    until this one's `invitations_send` waits for it, and only then takes code 1."""
    import threading
    import time

    from django.db import connection, transaction

    other_task = HelpRequestFactory(
        village=ride.village, resident=resident, category=category("klus"),
        status=Status.SEARCHING,
    )  # fmt: skip
    locked, problems = threading.Event(), []

    def other_coordinator():
        try:
            with transaction.atomic():
                type(jan).objects.select_for_update().filter(pk=jan.pk).values_list("pk").first()
                locked.set()
                with connection.cursor() as cursor:
                    for _ in range(100):  # until the invitation below waits for this row
                        cursor.execute(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            " AND datname = current_database() AND pid <> pg_backend_pid()"
                        )
                        if cursor.fetchone()[0]:
                            break
                        time.sleep(0.05)
                    else:
                        problems.append("the invitation never waited for the volunteer's row")
                Invitation.objects.create(
                    village=ride.village, help_request=other_task, volunteer=jan,
                    channel=Invitation.Channel.SMS, sms_code="1",
                )  # fmt: skip
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            problems.append(repr(error))
        finally:
            connection.close()

    thread = threading.Thread(target=other_coordinator)
    thread.start()
    assert locked.wait(10)
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[jan], by=None)
    thread.join()
    assert problems == []
    assert invitation.sms_code == "2"
    assert sorted(Invitation.objects.filter(volunteer=jan).values_list("sms_code", flat=True)) == [
        "1",
        "2",
    ]
