"""Delivery you can trust: batches over one SMTP connection in a fixed number of queries, a
stable Message-ID, the CM.com SMS gateway (against a fake on localhost) with its status
reports, and no e-mail that leaves any other way than through the outbox."""

import ast
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone

from koppelingen import services as matching
from meldingen import services, tasks
from meldingen.models import Notification, Todo
from meldingen.sms import CMSMSBackend, LocmemSMSBackend, international
from tests.outbox import send_outbox

pytestmark = pytest.mark.django_db
BASE = Path(__file__).resolve().parents[2]


class CountingBackend(EmailBackend):
    """Django's in-memory backend that counts how often a connection is opened."""

    opened = 0

    def open(self):
        type(self).opened += 1
        return super().open()


def invite(ride, make_volunteer, count):
    volunteers = [make_volunteer() for _ in range(count)]
    matching.invitations_send(help_request=ride, volunteers=volunteers, by=None)
    return volunteers


def test_a_batch_goes_over_one_connection_in_a_fixed_number_of_queries(
    ride, make_volunteer, settings, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = "tests.meldingen.test_delivery.CountingBackend"
    CountingBackend.opened = 0
    invite(ride, make_volunteer, 3)
    claim, picked = services.claim_batch(now=timezone.now())
    with django_assert_max_num_queries(4) as small:
        services.deliver_claimed(claim)
    invite(ride, make_volunteer, 12)
    claim, picked = services.claim_batch(now=timezone.now())
    assert len(picked) == 12
    with django_assert_max_num_queries(len(small.captured_queries)):
        services.deliver_claimed(claim)
    assert CountingBackend.opened == 2  # one per batch
    assert len(mail.outbox) == 15
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_claiming_a_batch_takes_a_fixed_number_of_queries(
    ride, make_volunteer, django_assert_max_num_queries
):
    invite(ride, make_volunteer, 10)
    with django_assert_max_num_queries(6):
        _claim, picked = services.claim_batch(now=timezone.now())
    assert len(picked) == 10


def test_every_attempt_at_a_row_carries_the_same_message_id(ride, make_volunteer):
    invite(ride, make_volunteer, 1)
    row = Notification.objects.get()
    now = timezone.now()
    claim, _ = services.claim_batch(now=now)
    services.deliver_claimed(claim, now=now)
    # the worker died before marking: the row is still "being sent" under that claim
    Notification.objects.filter(pk=row.pk).update(status="sending", claim_id="dead")
    services.send_due(now=now + services.CLAIM_TIMEOUT + timedelta(seconds=1))
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"] == row.message_id
    assert "Message-ID: " + row.message_id in first.message().as_string()
    assert row.message_id.startswith(f"<{row.reference}@")


def test_the_batch_task_run_twice_sends_once(ride, make_volunteer):
    invite(ride, make_volunteer, 2)
    claim, _ = services.claim_batch(now=timezone.now())
    assert tasks.deliver_batch(claim) == 2
    assert tasks.deliver_batch(claim) == 0
    assert len(mail.outbox) == 2


def test_the_scan_task_run_twice_sends_each_row_once(ride, make_volunteer):
    invite(ride, make_volunteer, 3)
    assert tasks.scan_outbox() == 3
    assert tasks.scan_outbox() == 0
    assert len(mail.outbox) == 3


# --- CM.com, against a fake gateway on localhost ---------------------------------------
def sms_row(village, key="sms-1", name="Jan van 't Hof"):
    return services.notification_schedule(
        key=key,
        village=village,
        channel=Notification.Channel.SMS,
        recipient="0612345678",
        recipient_name=name,
        template="escalation_test_sms",
        context={},
        due_at=timezone.now(),
    )[0]


@pytest.fixture
def sms_message():
    from meldingen import registry
    from meldingen.messages import Message

    builder = lambda context: Message(subject="", text="Herinnering: morgen 9:30 rijden.")  # noqa: E731
    registry.register_message("escalation_test_sms", builder)
    yield
    registry._messages.pop("escalation_test_sms", None)


def test_international_numbers_for_the_gateway():
    assert international("06-12345678") == "0031612345678"
    assert international("+31 6 12345678") == "0031612345678"
    assert international("0031612345678") == "0031612345678"


def test_an_sms_goes_to_cm_with_the_rows_reference(village, cm, sms_message):
    row = sms_row(village)
    send_outbox()
    (request,) = cm.requests
    msg = request["messages"]["msg"][0]
    assert request["messages"]["authentication"]["producttoken"] == "test-token"
    assert msg["to"] == [{"number": "0031612345678"}]
    assert msg["reference"] == row.reference
    assert msg["body"]["content"].startswith("Herinnering")
    row.refresh_from_db()
    assert row.status == "sent"


def test_cm_down_is_retried_and_a_refusal_is_a_call_todo(village, cm, sms_message):
    cm.answer = (503, {"details": "busy"})
    row = sms_row(village)
    send_outbox()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 1)
    cm.answer = (400, {"details": "Invalid number", "errorCode": 201})
    services.send_due(now=row.due_at)
    row.refresh_from_db()
    assert row.status == "failed"
    todo = Todo.objects.get(kind=Todo.Kind.FAILED_NOTIFICATION)
    assert todo.title.startswith("Bel Jan van 't Hof")
    assert "Invalid number" in todo.detail


def test_a_status_report_marks_delivered_or_failed_once(client, village, cm, sms_message):
    delivered, failed = sms_row(village, "a"), sms_row(village, "b", name="Grietje")
    send_outbox()
    url = reverse("meldingen:sms_status", args=["s3cret-status"])
    for _ in range(2):  # CM may report twice
        assert (
            client.get(url, {"reference": delivered.reference, "statuscode": "2"}).status_code
            == 200
        )
        response = client.post(
            url,
            json.dumps(
                {
                    "messages": {
                        "msg": {
                            "reference": failed.reference,
                            "status": {"code": "3", "errordescription": "Absent subscriber"},
                        }
                    }
                }
            ),
            content_type="application/json",
        )
        assert response.status_code == 200
    delivered.refresh_from_db()
    failed.refresh_from_db()
    assert delivered.status == "sent" and delivered.delivered_at is not None
    assert failed.status == "failed" and "Absent subscriber" in failed.last_error
    (todo,) = Todo.objects.filter(kind=Todo.Kind.FAILED_NOTIFICATION)
    assert todo.title.startswith("Bel Grietje")


@pytest.mark.parametrize(
    ("secret", "data", "status"),
    [
        ("wrong", {"reference": "dl1x0", "statuscode": "3"}, 404),
        ("s3cret-status", {}, 400),
        ("s3cret-status", {"reference": "dl99999x00", "statuscode": "3"}, 200),
        ("s3cret-status", {"reference": "nonsense", "statuscode": "x"}, 200),
    ],
)
def test_a_bad_status_report_is_refused_or_ignored_never_a_500(
    client, village, cm, secret, data, status
):
    url = reverse("meldingen:sms_status", args=[secret])
    assert client.get(url, data).status_code == status
    assert client.post(url, b"{not json", content_type="application/json").status_code in (
        400,
        404,
    )
    assert not Todo.objects.exists()


def test_without_a_configured_secret_every_report_is_refused(client, settings):
    settings.SMS_STATUS_SECRET = ""
    assert client.get(reverse("meldingen:sms_status", args=["x"])).status_code == 404


def test_the_cm_backend_without_a_token_refuses_rather_than_pretending(settings):
    settings.SMS_CM_PRODUCT_TOKEN = ""
    from meldingen.sms import SMSRejected

    with pytest.raises(SMSRejected):
        CMSMSBackend().send("0612345678", "x", reference="dl1x0")


def test_the_in_memory_sms_backend_keeps_the_reference(village, settings, sms_message):
    settings.SMS_BACKEND = "meldingen.sms.LocmemSMSBackend"
    LocmemSMSBackend.outbox, LocmemSMSBackend.references = [], []
    row = sms_row(village)
    send_outbox()
    assert LocmemSMSBackend.references == [row.reference]


# --- nothing leaves except through the outbox -------------------------------------------
SENDING_NAMES = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
    "send_sms",
    "get_sms_backend",
}
ALLOWED = {"meldingen/services.py", "meldingen/sms.py"}


def project_files():
    for path in BASE.rglob("*.py"):
        relative = path.relative_to(BASE).as_posix()
        if relative.split("/")[0] in {".venv", "tests", "bench", "node_modules"}:
            continue
        if "/migrations/" in relative:
            continue
        yield relative, path


def test_no_code_outside_the_outbox_sends_e_mail_or_sms():
    offenders = []
    for relative, path in project_files():
        if relative in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and (node.module.startswith("django.core.mail") or node.module.endswith("sms"))
            ):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.Attribute):
                names = [node.attr]
            elif isinstance(node, ast.Name):
                names = [node.id]
            offenders += [f"{relative}:{node.lineno} {n}" for n in names if n in SENDING_NAMES]
    assert offenders == []


def test_the_scan_finds_a_direct_send(tmp_path):
    sample = "from django.core.mail import send_mail\nsend_mail('a', 'b', None, ['c'])\n"
    found = [
        node
        for node in ast.walk(ast.parse(sample))
        if isinstance(node, ast.Name) and node.id in SENDING_NAMES
    ]
    assert found


def test_the_password_reset_is_an_outbox_row(client, coordinator):
    client.post(reverse("password_reset"), {"email": coordinator.email})
    row = Notification.objects.get(template="password_reset")
    assert row.recipient == coordinator.email
    assert "token" not in json.dumps(row.context)  # the link is made when it is sent
    send_outbox()
    assert "/wachtwoord" in mail.outbox[0].body or "reset" in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


# --- the board says when messages cannot really go out ---------------------------------
def board(client, coordinator):
    client.force_login(coordinator)
    return client.get(reverse("hulpvragen:board")).content.decode()


def real_backends(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SMS_BACKEND = "meldingen.sms.CMSMSBackend"


def test_a_fake_backend_shows_the_banner_on_the_board(client, coordinator):
    html = board(client, coordinator)  # the tests' in-memory backend delivers nothing
    assert "Berichten komen mogelijk niet aan." in html
    assert "verstuurt niet echt" in html


def test_real_backends_and_no_trouble_show_no_banner(client, coordinator, settings):
    real_backends(settings)
    assert 'id="delivery-banner"' not in board(client, coordinator)


def test_failed_and_waiting_messages_show_the_banner(client, coordinator, village, settings):
    real_backends(settings)
    now = timezone.now()
    for n in range(3):
        row = sms_row(village, key=f"f{n}")
        Notification.objects.filter(pk=row.pk).update(status="failed")
    html = board(client, coordinator)
    assert "3 berichten konden de afgelopen week niet verstuurd worden." in html
    Notification.objects.update(status="pending", due_at=now - timedelta(hours=1))
    html = board(client, coordinator)
    assert "3 berichten wachten al meer dan een half uur" in html
