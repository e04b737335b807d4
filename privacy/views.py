"""Export and erasure per resident: coordinators of the resident's village only (404 else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import capability_required
from accounts.access_log import log_read
from accounts.access_log_models import AccessLogEntry
from hulpvragen.selectors import get_resident_for_user

from . import services
from .export import export_json, export_pdf, resident_export
from .models import Erasure


def _log_export(request, resident, what: str) -> None:
    log_read(
        request,
        village=resident.village,
        resident_ids=[resident.pk],
        action=AccessLogEntry.Action.EXPORT,
        object_ref=f"export:{what}",
    )


def _download(content, *, content_type: str, resident, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"gegevens-hulpvrager-{resident.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@capability_required("can_coordinate")
@require_GET
def resident_export_json(request, pk):
    resident = get_resident_for_user(request.access, pk)
    # Logged first, so that the export shows itself in the access log it carries.
    _log_export(request, resident, "json")
    content = export_json(resident_export(resident))
    return _download(content, content_type="application/json", resident=resident, extension="json")


@capability_required("can_coordinate")
@require_GET
def resident_export_pdf(request, pk):
    resident = get_resident_for_user(request.access, pk)
    _log_export(request, resident, "pdf")
    content = export_pdf(resident_export(resident), resident=resident)
    return _download(content, content_type="application/pdf", resident=resident, extension="pdf")


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def resident_erase(request, pk):
    resident = get_resident_for_user(request.access, pk)
    log_read(request, village=resident.village, resident_ids=[resident.pk])
    erasure = Erasure.objects.filter(kind=Erasure.Kind.RESIDENT, object_id=resident.pk).first()
    problems = [] if erasure else _blocking(resident)
    if request.method == "POST" and not erasure:
        try:
            services.resident_erase(
                resident=resident, by=request.user, view_name=request.resolver_match.view_name
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, _("The resident's data have been erased."))
            return redirect("hulpvragen:resident_detail", pk=resident.pk)
    return render(
        request,
        "privacy/resident_erase.html",
        {"resident": resident, "erasure": erasure, "problems": problems},
    )


def _blocking(resident) -> list[str]:
    from .rules import erasure_blockers

    return erasure_blockers(services.open_things(resident))
