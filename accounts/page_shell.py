"""A page in the site's layout rendered once and kept.

`render_page(request, template_name, content)` gives what `render(request, template_name,
{"content": content})` gives, for a page template (extending base.html) that shows nothing
of the request but `{{ content }}`: its title, styles and scripts are the same for everyone
in one language. `render_page(request, template_name, context=context)` gives what
`render(request, template_name, context)` gives, for a page template whose `title` and
`content` blocks hold all that depends on the request: those two blocks are rendered per
request (with the context processors, as `render` does), the rest is kept.

The layout around the content (base.html with the page's other blocks: the head, the static
files' addresses, the idle warning, the scripts) took about a millisecond a page through the
template engine; here it is rendered once per template, language, address prefix, login and
idle limit, with slots, and kept for the process. Per request go in: the CSRF token, the
site header (`{% site_header %}`, itself kept per user's menu), the messages
(`{% page_messages %}`), the content and, with a context, the title.

The layout is rendered without the request: a page template whose other blocks used
anything of it (`request`, `user`, `access`, …) would show it empty, for everyone, so such
a page uses `render` (tests compare the two for each page that uses this).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.messages import get_messages
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.urls import get_script_prefix
from django.utils.autoreload import file_changed
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .security import IDLE_LIMITED_KEY
from .templatetags.layout import (
    HEADER_SLOT,
    MESSAGES_SLOT,
    SHELL_FLAG,
    clear_headers,
    messages_html,
    site_header,
)

# Where the per-request parts go in a kept layout. Neither a translation, a static file's
# address nor an address of the app holds these characters.
_CSRF_SLOT = "\x02"
_CONTENT_SLOT = "\x05"
_TITLE_SLOT = "\x06"
_SLOTS = (_CSRF_SLOT, HEADER_SLOT, MESSAGES_SLOT, _CONTENT_SLOT, _TITLE_SLOT)


def render_page(
    request,
    template_name: str,
    content: SafeString | None = None,
    *,
    context: dict | None = None,
    status: int = 200,
):
    """The page `template_name` as `render` would give it: with `content` (escaped by
    whoever built it), or with its title and content blocks rendered from `context` (see
    the module docstring)."""
    title = None
    if content is None:
        title, content = _page_blocks(request, template_name, context or {})
    user = getattr(request, "user", None)
    logged_in = bool(user is not None and user.is_authenticated)
    session = getattr(request, "session", None)
    idle_limited = bool(logged_in and session is not None and session.get(IDLE_LIMITED_KEY))
    parts = _shell(
        template_name,
        get_language(),
        get_script_prefix(),
        logged_in,
        idle_limited,
        own_title=title is not None,
    )
    token = get_token(request)
    values = {
        _CSRF_SLOT: token,  # letters and digits (django.middleware.csrf): nothing to escape
        HEADER_SLOT: site_header({"request": request, "user": user, "csrf_token": token}),
        MESSAGES_SLOT: messages_html(get_messages(request)),
        _CONTENT_SLOT: content,
        _TITLE_SLOT: title,
    }
    html = "".join(part if slot is None else values[slot] for part, slot in parts)
    return HttpResponse(html, status=status)


def csrf_input(request) -> SafeString:
    """The page's hidden CSRF field, as `{% csrf_token %}` writes it, for markup built in
    Python."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


def _page_blocks(request, template_name: str, context: dict) -> tuple[str | None, str]:
    """The page template's own `title` (None when it has none) and `content` blocks,
    rendered as `render` renders them: with the request's context processors."""
    template = get_template(template_name)
    inner = template.template
    [extends] = inner.nodelist.get_nodes_by_type(ExtendsNode)
    blocks = extends.blocks
    made = make_context(context, request, autoescape=template.backend.engine.autoescape)
    with made.render_context.push_state(inner), made.bind_template(inner):
        made.template_name = inner.name
        title = blocks["title"].render(made) if "title" in blocks else None
        return title, blocks["content"].render(made)


@lru_cache(maxsize=256)
def _shell(
    template_name,
    language,
    script_prefix,
    logged_in: bool,
    idle_limited: bool,
    *,
    own_title: bool = False,
):
    """The layout for these values as (text, None) and (None, slot) pieces in order; with
    `own_title` the page's title and content blocks are slots (for `_page_blocks`), else
    its `{{ content }}`."""
    context = {
        SHELL_FLAG: True,
        "csrf_token": _CSRF_SLOT,
        "user": SimpleNamespace(is_authenticated=logged_in),
        "request": SimpleNamespace(session={IDLE_LIMITED_KEY: idle_limited}),
        "idle_timeout_seconds": settings.SESSION_IDLE_TIMEOUT,
        "idle_warning_seconds": settings.SESSION_IDLE_WARNING,
        "idle_warning_minutes": settings.SESSION_IDLE_WARNING // 60,
    }
    if own_title:
        # The page template, its content and title blocks slots: the rest as it renders it.
        page = '{% extends "' + template_name + '" %}'
        page += "{% block content %}" + _CONTENT_SLOT + "{% endblock %}"
        page += "{% block title %}" + _TITLE_SLOT + "{% endblock %}"
        html = engines["django"].from_string(page).render(context)
    else:
        # The page template, `{{ content }}` a slot.
        context["content"] = mark_safe(_CONTENT_SLOT)  # noqa: S308 - a slot
        html = get_template(template_name).render(context)
    pieces = []
    for piece in re.split(f"([{''.join(_SLOTS)}])", html):
        if piece in _SLOTS:
            pieces.append((None, piece))
        elif piece:
            pieces.append((piece, None))
    return tuple(pieces)


@receiver(file_changed)
def _template_changed(sender, file_path, **kwargs):
    """In development (runserver reloads templates without restarting): a changed template
    may be the layout or a page's blocks, so the kept layouts and headers are made again."""
    if Path(file_path).suffix == ".html":
        _shell.cache_clear()
        clear_headers()
