"""What the domain apps hand to the outbox and the scheduler. meldingen knows none of them:
each app registers its part from its `AppConfig.ready()`, and meldingen looks it up here.

- message kinds: a template name (stored on the outbox row) and the function that renders
  the message from the row's ids when it is sent, or returns None when it should not go out
  any more (the task was cancelled, the volunteer stopped);
- periodic jobs: `name(now) -> number of things added`, run by beat through the
  `meldingen.run_job` task and once from `manage.py run_job NAME`;
- to-do hooks: where a to-do of a kind leads, and what ticking one off does besides
  marking it done (a line in a logbook, the next review date);
- the reader of incoming text messages (a volunteer's "JA 12").

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

_messages: dict[str, MessageBuilder] = {}
_many: dict[str, ManyMessageBuilder] = {}
_jobs: dict[str, Job] = {}
_done_hooks: list[tuple[frozenset[str] | None, DoneHook]] = []
_links: dict[str, TodoLink] = {}
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
