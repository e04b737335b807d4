"""Project-wide views: the error handlers that need more than a template, and the favicon."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject, empty
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

# When even the template cannot be rendered (a broken template, a missing static file).
BARE_500 = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Dorpsloket</title></head>'
    '<body style="font-family:sans-serif;max-width:36em;margin:3em auto;font-size:1.2em">'
    "<h1>Er ging bij ons iets mis</h1><p>Het ligt niet aan u. Probeer het over een paar minuten "
    'opnieuw.</p><p><a href="/">Naar de startpagina</a></p></body></html>'
)


def _village_already_known(request):
    """The user's village if this request has loaded it already, else None.

    A server error may come from the database itself, so the 500 page never queries:
    it only uses `request.access` when the middleware has built it before the error.
    """
    access = getattr(request, "access", None)
    if access is None or (isinstance(access, SimpleLazyObject) and access._wrapped is empty):
        return None
    try:
        return access.village
    except Exception:  # noqa: BLE001 - an error page must not fail
        return None


@requires_csrf_token
def server_error(request):
    """The Dutch 500 page, rendered without context processors (no request, no database)."""
    try:
        html = loader.get_template("500.html").render(
            {"desk_village": _village_already_known(request)}
        )
    except Exception:  # noqa: BLE001 - an error page must not fail
        logger.exception("The 500 page could not be rendered")
        html = BARE_500
    return HttpResponseServerError(html)


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form posted after its token expired: the house layout instead of Django's page."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


@login_not_required
def favicon(request):
    # Browsers ask for /favicon.ico on their own; base.html links the SVG.
    return redirect(static("img/favicon.svg"))
