from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from accounts.access import Access, get_for_village_or_404, scope_to_village

from .due import in_order
from .models import Todo

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


def open_todos(access: Access, *, today: date | None = None) -> OpenTodos:
    """Every open to-do of the village in list order (late first, then today, then later),
    each with its `due` state. One query (two when there are more than OPEN_LIMIT)."""
    today = today or timezone.localdate()
    qs = scope_to_village(Todo.objects.filter(done_at__isnull=True), access).order_by(
        "due_on", "pk"
    )
    rows = list(qs[:OPEN_LIMIT])
    count = len(rows) if len(rows) < OPEN_LIMIT else qs.count()
    return OpenTodos(items=in_order(rows, today=today), count=count)


def recently_done(access: Access, *, limit: int = 20):
    return (
        scope_to_village(Todo.objects.filter(done_at__isnull=False), access)
        .select_related("done_by")
        .order_by("-done_at")[:limit]
    )


def get_todo_for_user(access: Access, pk: int) -> Todo:
    return get_for_village_or_404(Todo, access, pk=pk)
