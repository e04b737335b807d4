from django.utils import timezone

from meldingen.models import Todo
from tests.permission_rows import NOT_FOUND, OK, REDIRECT, ROLES, Row, only


def _todo(village):
    return Todo.objects.create(
        village=village,
        kind=Todo.Kind.FOLLOW_UP,
        title="Bel mevrouw Dijkstra",
        due_on=timezone.localdate(),
        idempotency_key=f"test:{village.pk}:{Todo.objects.count()}",
    )


EVERY_COORDINATOR = only({"coordinator": OK, "other_coordinator": OK})

ROWS = [
    Row("meldingen:todos", EVERY_COORDINATOR),
    Row("meldingen:settings", EVERY_COORDINATOR),
    Row(
        "meldingen:todo_done",
        only({"coordinator": REDIRECT}),
        kwargs=lambda w: {"pk": _todo(w.village).pk},
        method="post",
    ),
    # The SMS provider's status reports: public, but a wrong secret is a 404 for everyone
    # (tests/meldingen/test_delivery.py has the right secret and bad reports).
    Row(
        "meldingen:sms_status",
        dict.fromkeys(ROLES, NOT_FOUND),
        kwargs=lambda w: {"secret": "not-the-secret"},
    ),
    # Replies by text message: public and signed; without a shared secret configured the
    # address does not exist (tests/koppelingen/test_sms_answers.py signs them).
    Row("meldingen:sms_inbound", dict.fromkeys(ROLES, NOT_FOUND), method="post"),
]
