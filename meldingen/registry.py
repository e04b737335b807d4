"""What the domain apps hand to the outbox and the scheduler. meldingen knows none of them:
each app registers its part from its `AppConfig.ready()`, and meldingen looks it up here.

- message kinds: a template name (stored on the outbox row) and the function that renders
  the message from the row's ids when it is sent, or returns None when it should not go out
  any more (the task was cancelled, the volunteer stopped);
- periodic jobs: `name(now) -> number of things added`, run by beat through the
  `meldingen.run_job` task and once from `manage.py run_job NAME`;
- to-do hooks: where a to-do of a kind leads, and what ticking one off does besides
  marking it done (a line in a logbook, the next review date);
- the reader of incoming text messages (a volunteer's "JA 12");
- which residents a to-do is about (its `about` names a request, a loan, a resident), so
  that the to-do list writes the access log like every page that shows residents.

A name registered twice for two different functions is a mistake in the wiring and stops
the start-up; registering the same function again (a second `ready()`) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from .messages import Message
    from .models import Todo

MessageBuilder = Callable[[dict], "Message | None"]
# builder_many(contexts) -> one message (or None) per context, in order: a batch of one kind
# rendered in a fixed number of queries.
ManyMessageBuilder = Callable[[list[dict]], "list[Message | None]"]
Job = Callable[[datetime], int]
# hook(todo=..., by=..., note=..., now=...), called once, inside the transaction that ticks
# the to-do off
DoneHook = Callable[..., Any]
TodoLink = Callable[["Todo"], str]
# resolve(values) -> the ids of the residents named by these values of `about[key]`, in one
# query at most
TodoResidents = Callable[[list[Any]], Iterable[int]]

_messages: dict[str, MessageBuilder] = {}
_many: dict[str, ManyMessageBuilder] = {}
_jobs: dict[str, Job] = {}
_done_hooks: list[tuple[frozenset[str] | None, DoneHook]] = []
_links: dict[str, TodoLink] = {}
_todo_residents: dict[str, TodoResidents] = {}
# handler(inbound, now) -> (outcome, village id or None, about): what an incoming text
# message means (registered by the app whose questions it answers).
InboundHandler = Callable[..., tuple[str, "int | None", dict]]
_inbound: dict[str, InboundHandler] = {}


def _put(registry: dict, what: str, name: str, function) -> None:
    known = registry.get(name)
    if known is not None and known is not function:
        raise ImproperlyConfigured(f"Two {what}s are named {name!r}: {known} and {function}")
    registry[name] = function


def register_message(name: str, builder: MessageBuilder) -> None:
    """Outbox rows with template `name` are rendered by `builder(context)` when sent."""
    _put(_messages, "message kind", name, builder)


def register_job(name: str, job: Job) -> None:
    """A periodic job; beat runs it by this name (see CELERY_BEAT_SCHEDULE in settings)."""
    _put(_jobs, "job", name, job)


def register_messages(builders: dict[str, MessageBuilder]) -> None:
    for name, builder in builders.items():
        register_message(name, builder)


def register_message_many(name: str, builder_many: ManyMessageBuilder) -> None:
    """Render a batch of rows of kind `name` at once (optional; without it the outbox calls
    the single builder per row)."""
    _put(_many, "batch message kind", name, builder_many)


def register_jobs(jobs: dict[str, Job]) -> None:
    for name, job in jobs.items():
        register_job(name, job)


def register_todo_link(kind: str, link: TodoLink) -> None:
    """To-dos of this kind lead where `link(todo)` says, whatever link was stored."""
    _put(_links, "to-do link", kind, link)


def register_todo_done(hook: DoneHook, *, kinds: Iterable[str] | None = None) -> None:
    """Run `hook` when a to-do (of one of `kinds`, or of any kind) is ticked off."""
    entry = (frozenset(kinds) if kinds is not None else None, hook)
    if entry not in _done_hooks:
        _done_hooks.append(entry)


def register_todo_residents(key: str, resolve: TodoResidents) -> None:
    """A to-do whose `about[key]` is set is about the residents `resolve([value, …])` names."""
    _put(_todo_residents, "to-do residents", key, resolve)


def todo_residents(todos: Iterable[Todo]) -> set[int]:
    """The ids of the residents these to-dos are about: one call (one query at most) per
    registered `about` key that occurs, whatever the number of to-dos."""
    values: dict[str, list[Any]] = {}
    for todo in todos:
        for key, value in (todo.about or {}).items():
            if key in _todo_residents and value is not None:
                values.setdefault(key, []).append(value)
    found: set[int] = set()
    for key, listed in values.items():
        found.update(int(pk) for pk in _todo_residents[key](listed) if pk is not None)
    return found


def register_inbound_sms(handler: InboundHandler) -> None:
    """Incoming text messages are read by `handler(inbound=..., now=...)`, once each, inside
    the transaction that stores them."""
    _put(_inbound, "incoming SMS handler", "sms", handler)


def inbound_sms_handler() -> InboundHandler | None:
    return _inbound.get("sms")


def message_builder(name: str) -> MessageBuilder:
    try:
        return _messages[name]
    except KeyError:
        raise LookupError(f"No message kind {name!r} is registered") from None


def message_kinds() -> list[str]:
    """The names of every registered message kind, sorted."""
    return sorted(_messages)


def message_builder_many(name: str) -> ManyMessageBuilder:
    """The batch builder of kind `name`, or one that calls its single builder per row."""
    many = _many.get(name)
    if many is not None:
        return many
    single = message_builder(name)
    return lambda contexts: [single(context) for context in contexts]


def jobs() -> dict[str, Job]:
    """The registered jobs, in the order the apps registered them."""
    return dict(_jobs)


def todo_link(todo: Todo) -> str | None:
    """The registered link of this to-do's kind, or None when its kind has none."""
    link = _links.get(todo.kind)
    return link(todo) if link else None


def todo_done_hooks(kind: str) -> list[DoneHook]:
    return [hook for kinds, hook in _done_hooks if kinds is None or kind in kinds]
