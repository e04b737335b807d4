from accounts.access import Access, get_for_village_or_404, scope_to_village

from .models import Todo


def open_todos(access: Access, *, limit: int = 50):
    return scope_to_village(Todo.objects.filter(done_at__isnull=True), access).order_by(
        "due_on", "pk"
    )[:limit]


def recently_done(access: Access, *, limit: int = 20):
    return (
        scope_to_village(Todo.objects.filter(done_at__isnull=False), access)
        .select_related("done_by")
        .order_by("-done_at")[:limit]
    )


def get_todo_for_user(access: Access, pk: int) -> Todo:
    return get_for_village_or_404(Todo, access, pk=pk)
