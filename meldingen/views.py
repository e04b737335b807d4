import hashlib
import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
)
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import capability_required
from accounts.access_log import log_read
from accounts.access_log_models import AccessLogEntry

from . import registry, services
from .forms import VillageSettingsForm
from .selectors import get_todo_for_user, open_todos, recently_done


@capability_required("can_coordinate")
def todos(request):
    """The coordinator's to-do list: late first, then today, then later. The residents the
    to-dos are about are written to the access log (as found in a list)."""
    todos, done = open_todos(request.access), list(recently_done(request.access))
    log_read(
        request,
        village=request.access.village,
        resident_ids=registry.todo_residents([*todos.items, *done]),
        action=AccessLogEntry.Action.SEARCH,
    )
    return render(request, "meldingen/todos.html", {"todos": todos, "done": done})


@capability_required("can_coordinate")
@require_POST
def todo_done(request, pk):
    """Tick off with one click and an optional short note (htmx swaps the row; without JS
    it redirects back)."""
    todo = get_todo_for_user(request.access, pk)
    services.todo_done(todo=todo, by=request.user, note=request.POST.get("note", ""))
    if request.htmx:
        return render(request, "meldingen/_todo_done.html", {"todo": todo})
    messages.success(request, _("Done: %(title)s") % {"title": todo.title})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("meldingen:todos")


@capability_required("can_coordinate")
def village_settings(request):
    """When reminders and follow-ups go out in this village."""
    instance = services.settings_for(request.access.village)
    form = VillageSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("meldingen:settings")
    return render(request, "meldingen/settings.html", {"form": form})


# CM.com's status codes: 0 accepted by the operator, 1 rejected, 2 delivered, 3 failed.
CM_DELIVERED = {"2"}
CM_FAILED = {"1", "3"}


def _status_report(request) -> dict[str, str]:
    """The report's fields, lower-case: from the query string (CM's GET reports), a form,
    or CM's JSON report ({"messages": {"msg": {"reference", "status": {"code", ...}}}})."""
    fields = {key.lower(): value for key, value in request.GET.items()}
    if request.method == "POST":
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"{}")
                msg = data["messages"]["msg"]
                msg = msg[0] if isinstance(msg, list) else msg
                status = msg.get("status") or {}
                fields.update(
                    reference=str(msg.get("reference", "")),
                    statuscode=str(status.get("code", "")),
                    errordescription=str(status.get("errordescription", "")),
                )
            except (ValueError, KeyError, TypeError, AttributeError, IndexError):
                return {}
        else:
            fields.update({key.lower(): value for key, value in request.POST.items()})
    return fields


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def sms_status(request, secret: str):
    """The SMS provider's delivery report (public: CM.com calls it). The secret in the URL
    must be SMS_STATUS_SECRET, else 404. A delivered report sets "delivered at"; a failed
    one fails the row and adds a "Bel <naam>" to-do. An unknown reference is answered 200 (so
    the provider stops retrying) and changes nothing; a malformed report is a 400."""
    expected = settings.SMS_STATUS_SECRET
    if not expected or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise Http404
    fields = _status_report(request)
    reference = fields.get("reference", "")
    code = fields.get("statuscode", fields.get("status", ""))
    if not reference or not code:
        return HttpResponseBadRequest("reference and statuscode are required")
    if code in CM_DELIVERED or code in CM_FAILED:
        services.delivery_report(
            reference=reference,
            delivered=code in CM_DELIVERED,
            error=fields.get("errordescription", "") or f"status {code}",
        )
    return HttpResponse("OK", content_type="text/plain")


SIGNATURE_HEADER = "X-Dorpsloket-Signature"


def inbound_signature(body: bytes, secret: str) -> str:
    """The signature an incoming message must carry: "sha256=" and the hex HMAC-SHA256 of
    the raw request body with the shared secret SMS_INBOUND_SECRET (see docs/operations.md)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _inbound_fields(request) -> dict[str, str]:
    """The message's fields, lower-case, from a form body, a JSON body or the query string.
    CM.com's names and the common ones are accepted: from/sender/msisdn,
    message/text/body/content, id/messageid/reference."""
    fields = {key.lower(): value for key, value in request.GET.items()}
    if request.method == "POST":
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"{}")
            except ValueError:
                return {}
            if not isinstance(data, dict):
                return {}
            fields.update({str(k).lower(): str(v) for k, v in data.items() if v is not None})
        else:
            fields.update({key.lower(): value for key, value in request.POST.items()})

    def first(*names):
        return next((fields[n] for n in names if fields.get(n)), "")

    return {
        "sender": first("from", "sender", "msisdn", "originator"),
        "text": first("message", "text", "body", "content"),
        "id": first("id", "messageid", "message_id", "reference"),
    }


@login_not_required
@csrf_exempt
@require_POST
def sms_inbound(request):
    """A text message a volunteer sent to the desk (public: the provider calls it).

    The body must be signed (`inbound_signature`) with SMS_INBOUND_SECRET, else 403 and
    nothing is stored; without a secret configured the address does not exist (404). The
    same message twice (same id) is answered 200 and changes nothing. A message without a
    sender, text or id is a 400."""
    secret = settings.SMS_INBOUND_SECRET
    if not secret:
        raise Http404
    given = request.headers.get(SIGNATURE_HEADER, "")
    if not hmac.compare_digest(given.encode(), inbound_signature(request.body, secret).encode()):
        return HttpResponseForbidden("bad signature")
    fields = _inbound_fields(request)
    if not (fields["sender"] and fields["text"] and fields["id"]):
        return HttpResponseBadRequest("from, message and id are required")
    services.inbound_sms_receive(
        message_id=fields["id"], sender=fields["sender"], text=fields["text"]
    )
    return HttpResponse("OK", content_type="text/plain")
