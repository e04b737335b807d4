"""Messages of the outbox. Each kind is registered by the app whose rule it carries (see
meldingen.registry): its builder gets the notification's context (ids) and returns the
message, or None when it no longer applies (the task was cancelled, the request was picked
up): then the notification is cancelled instead of sent.

Texts are Dutch templates of the owning app: `<name>.txt` (also used for SMS),
`<name>_subject.txt`, and `<name>.html` for e-mail, which extends
`meldingen/email/_base.html` (the desk's name and phone under every message).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from . import registry


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str | None = None


def render(prefix: str, context: dict) -> Message:
    """The message in the templates `<prefix>_subject.txt`, `<prefix>.txt` and
    `<prefix>.html` (e.g. "koppelingen/email/reminder"), in Dutch."""
    with translation.override("nl"):
        return Message(
            subject=render_to_string(f"{prefix}_subject.txt", context).strip(),
            text=render_to_string(f"{prefix}.txt", context),
            html=render_to_string(f"{prefix}.html", context),
        )


def build(template: str, context: dict) -> Message | None:
    """The message of an outbox row, by its registered kind."""
    return registry.message_builder(template)(context)


def build_many(template: str, contexts: list[dict]) -> list[Message | None]:
    """The messages of several rows of one kind, in order (see registry.register_message_many)."""
    messages = registry.message_builder_many(template)(contexts)
    if len(messages) != len(contexts):
        raise ValueError(f"{template}: {len(messages)} messages for {len(contexts)} rows")
    return messages
