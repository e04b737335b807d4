"""`{% site_header %}`: the site's header (templates/_site_header.html), rendered once for the
same values and kept.

Rendered on every page, the header with its menu cost about as much as many pages' own
markup. What it shows depends on nothing but the language, the address prefix, whether
someone is logged in, the active village, the villages to switch between, the roles (what
the menu offers) and the name: those values are the key, and the template is rendered with
nothing else (a stand-in for `access` and `user` holding just them). The CSRF field of the
village switch and the logout form is a slot, filled in with the page's own token.
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Where the page's CSRF token goes; no translation, name or address holds this character.
_CSRF_SLOT = "\x01"
_CSRF_FIELD = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_SLOT}">'
# Headers kept per process: one per language, roles, villages and name in use.
MAX_HEADERS = 512
# For accounts.page_shell, which renders the layout once with slots for the per-request
# parts: the context flag, and the slots the header and the messages leave.
SHELL_FLAG = "layout_shell"
HEADER_SLOT = "\x03"
MESSAGES_SLOT = "\x04"


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    if context.get(SHELL_FLAG):
        return mark_safe(HEADER_SLOT)  # noqa: S308 - a slot, filled per request
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    access = getattr(request, "access", None)
    village = getattr(access, "village", None)
    active = (village.pk, village.name) if village is not None else None
    if user is not None and user.is_authenticated and access is not None:
        key = (
            True,
            active,
            tuple((v.pk, v.name) for v in access.villages),
            access.can_coordinate,
            access.is_volunteer,
            access.can_read_reports,
            access.can_administer,
            len(access.report_villages) > 1,
            user.get_full_name(),
        )
    else:
        key = (False, active)
    html = _header(get_language(), get_script_prefix(), key)
    if _CSRF_SLOT not in html:
        return html
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # as {% csrf_token %}: no field without a token
        return mark_safe(html.replace(_CSRF_FIELD, ""))  # noqa: S308 - the template's output
    # The token is letters and digits (django.middleware.csrf): nothing to escape.
    return mark_safe(html.replace(_CSRF_SLOT, str(token)))  # noqa: S308 - the template's output


def clear_headers() -> None:
    """Forget the kept headers (their template changed, in development)."""
    _header.cache_clear()


@lru_cache(maxsize=MAX_HEADERS)
def _header(language, script_prefix, key) -> SafeString:
    """The header for these values (see the module docstring), with the CSRF slot."""
    logged_in, active = key[0], key[1]
    village = SimpleNamespace(pk=active[0], name=active[1]) if active else None
    if not logged_in:
        access = SimpleNamespace(village=village)
        user = SimpleNamespace(is_authenticated=False)
    else:
        _, _, villages, coordinate, volunteer, reports, administer, many_reports, name = key
        choices = [
            village if village is not None and pk == village.pk else SimpleNamespace(pk=pk, name=n)
            for pk, n in villages
        ]
        access = SimpleNamespace(
            village=village,
            villages=choices,
            many_villages=len(choices) > 1,
            can_coordinate=coordinate,
            is_volunteer=volunteer,
            can_read_reports=reports,
            can_administer=administer,
            many_report_villages=many_reports,
        )
        user = SimpleNamespace(is_authenticated=True, get_full_name=name)
    return render_to_string(
        "_site_header.html", {"access": access, "user": user, "csrf_token": _CSRF_SLOT}
    )


@register.simple_tag(takes_context=True)
def page_messages(context) -> SafeString:
    """The messages waiting for this request (Django's messages framework), each escaped."""
    if context.get(SHELL_FLAG):
        return mark_safe(MESSAGES_SLOT)  # noqa: S308 - a slot, filled per request
    return messages_html(context.get("messages") or ())


def messages_html(messages) -> SafeString:
    """The messages' block of base.html, or "" without messages (reading them marks them
    shown, as the template's loop did)."""
    if not messages:
        return mark_safe("")
    return format_html(
        '<div class="messages" role="status">\n{}    </div>\n',
        format_html_join(
            "",
            '      <div class="alert alert-{}">{}</div>\n',
            ((_alert_class(message.tags), str(message)) for message in messages),
        ),
    )


def _alert_class(tags: str) -> str:
    if tags == "error":
        return "danger"
    return tags or "info"
