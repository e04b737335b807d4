from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from accounts import prepared
from accounts.access import Access, get_for_village_or_404, scope_to_village

from .due import in_order
from .models import Notification, Todo

# Open to-dos are read in one go and put in order in Python (meldingen.due); a village
# with more than this many open has a bigger problem than the order of its list.
OPEN_LIMIT = 500
BOARD_TOP = 3


@dataclass
class OpenTodos:
    items: list[Todo]
    count: int

    @property
    def late_count(self) -> int:
        return sum(1 for todo in self.items if todo.due.is_late)

    @property
    def top(self) -> list[Todo]:
        """The most urgent few, for the board."""
        return self.items[:BOARD_TOP]


def _open_of_village(village_id):
    return Todo.objects.filter(village_id=village_id, done_at__isnull=True).order_by("due_on", "pk")


def open_todos(access: Access, *, today: date | None = None) -> OpenTodos:
    """Every open to-do of the village in list order (late first, then today, then later),
    each with its `due` state. One query, compiled once per thread (two when there are more
    than OPEN_LIMIT)."""
    today = today or timezone.localdate()
    if access.village is None:
        return OpenTodos(items=[], count=0)
    rows = prepared.objects(
        "meldingen.open_todos",
        lambda village_id: _open_of_village(village_id)[:OPEN_LIMIT],
        village_id=access.village.pk,
    )
    count = len(rows)
    if count >= OPEN_LIMIT:
        count = _open_of_village(access.village.pk).count()
    return OpenTodos(items=in_order(rows, today=today), count=count)


def recently_done(access: Access, *, limit: int = 20):
    return (
        scope_to_village(Todo.objects.filter(done_at__isnull=False), access)
        .select_related("done_by")
        .order_by("-done_at")[:limit]
    )


def get_todo_for_user(access: Access, pk: int) -> Todo:
    return get_for_village_or_404(Todo, access, pk=pk)


# The board warns when this many messages of the village failed in the last week, or when
# any message waits this long after it was due (no worker running, a mail server away).
FAILED_WARNING = 3
STUCK_AFTER = timedelta(minutes=30)


@dataclass
class DeliveryTrouble:
    fake: bool
    failed: int
    stuck: int

    def __bool__(self):
        return self.fake or self.failed >= FAILED_WARNING or self.stuck > 0


def delivery_trouble(village, *, now: datetime | None = None) -> DeliveryTrouble:
    """Why messages of this village may not really go out: a backend that delivers nothing
    (meldingen.checks.fake_delivery, e.g. the demo), failures in the last week, messages
    still waiting half an hour after they were due. One query (none with a fake backend)."""
    from .checks import fake_delivery

    if fake_delivery():
        return DeliveryTrouble(fake=True, failed=0, stuck=0)  # nothing goes out at all
    now = now or timezone.now()
    counts = Notification.objects.filter(village=village).aggregate(
        failed=Count(
            "pk",
            filter=Q(status=Notification.Status.FAILED, due_at__gte=now - timedelta(days=7)),
        ),
        stuck=Count(
            "pk",
            filter=Q(
                status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
                due_at__lt=now - STUCK_AFTER,
                attempts=0,
            ),
        ),
    )
    return DeliveryTrouble(
        fake=bool(fake_delivery()), failed=counts["failed"], stuck=counts["stuck"]
    )
