"""Pages on the access log for coordinators: who looked at a resident's file (on screen, as
a letter to print, as a PDF), and the month's review of unusual access."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import capability_required
from accounts.access_log import Action, log_read
from accounts.models import User
from dorpsloket.pdf import html_to_pdf

from . import access_review, selectors
from .access_log_selectors import (
    month_bounds,
    month_reads,
    resident_access_lines,
    review_facts,
)

FINDING_TEXTS = {
    access_review.MANY: gettext_lazy("opened more than 20 residents within an hour"),
    access_review.NO_MEMBERSHIP: gettext_lazy("has no role in this village"),
    access_review.NOT_ASSIGNED: gettext_lazy(
        "a volunteer who was not (or no longer) given this resident's task"
    ),
    access_review.NIGHT: gettext_lazy("at night (between 23:00 and 06:00)"),
}


def _resident_page(request, pk, action):
    resident = selectors.get_resident_for_user(request.access, pk)
    log_read(
        request,
        village=resident.village_id,
        resident_ids=[resident.pk],
        action=action,
        object_ref=f"resident:{resident.pk}",
    )
    return resident, {"resident": resident, "lines": resident_access_lines(resident)}


@capability_required("can_coordinate")
def resident_access_log(request, pk):
    """Wie heeft dit dossier bekeken: every read of the resident's data, newest first."""
    _resident, context = _resident_page(request, pk, Action.VIEW)
    return render(request, "hulpvragen/resident_access_log.html", context)


def _letter_context(request, context):
    return context | {"village": request.access.village, "today": timezone.localdate()}


@capability_required("can_coordinate")
def resident_access_letter(request, pk):
    """The same list as a letter to the resident (their right of access, AVG art. 15)."""
    _resident, context = _resident_page(request, pk, Action.PRINT)
    return render(
        request, "hulpvragen/resident_access_letter.html", _letter_context(request, context)
    )


@capability_required("can_coordinate")
def resident_access_letter_pdf(request, pk):
    resident, context = _resident_page(request, pk, Action.EXPORT)
    html = render_to_string(
        "hulpvragen/resident_access_letter_pdf.html", _letter_context(request, context), request
    )
    try:
        pdf = html_to_pdf(html)
    except OSError:
        messages.error(
            request,
            _("The PDF cannot be made on this installation. Use the print button instead."),
        )
        return redirect("hulpvragen:resident_access_letter", pk=resident.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{resident.pk}.pdf"'
    return response


@capability_required("can_coordinate")
def access_review_page(request, year, month):
    """The month's unusual reads in the village: who, what kind, when, how many residents.
    Names of residents are not shown (the count is enough to decide whether to ask)."""
    village = request.access.village
    start, end = month_bounds(year, month)
    reads = month_reads(village, start, end)
    found = access_review.findings(reads, review_facts(reads))
    users = User.objects.in_bulk({f.user_id for f in found if f.user_id})
    rows = [
        {
            "finding": finding,
            "who": str(users[finding.user_id])
            if finding.user_id in users
            else _("a volunteer, through the link of their task"),
            "text": FINDING_TEXTS[finding.kind],
            "resident_count": len(finding.residents),
        }
        for finding in found
    ]
    return render(
        request,
        "hulpvragen/access_review.html",
        {"rows": rows, "month_start": start, "read_count": len(reads)},
    )
