"""Import pages for the coordinators of the active village. Other roles get a 404.

Upload (stored) -> dry run in the background, with a progress bar (every problem by row and
column) -> when nothing is wrong, one button imports exactly the checked file in the
background, all rows or none.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.access import capability_required, get_for_village_or_404, scope_to_village

from .blanks import code_lists, columns_for, template_csv, template_xlsx
from .forms import UploadForm
from .models import ImportKind, ImportRun, ImportUpload
from .uploads import counts_text, upload_confirm, upload_create

# The kinds as they appear in the URL.
KINDS = {"vrijwilligers": ImportKind.VOLUNTEERS, "hulpvragen": ImportKind.HELP_REQUESTS}
RECENT_RUNS = 20


def _kind_or_404(slug: str) -> str:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


@capability_required("can_coordinate")
def index(request):
    """The two imports, their templates, and what was imported before."""
    runs = scope_to_village(ImportRun.objects.all(), request.access).select_related("imported_by")[
        :RECENT_RUNS
    ]
    return render(request, "importeren/index.html", {"runs": runs})


def _kind_slug(kind: str) -> str:
    return next(slug for slug, value in KINDS.items() if value == kind)


@capability_required("can_coordinate")
def upload(request, kind):
    """The upload form; a valid file is stored and checked in the background (the status
    page shows the progress and then the result)."""
    kind = _kind_or_404(kind)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            stored = upload_create(
                kind=kind,
                village=request.access.village,
                by=request.user,
                uploaded_file=form.cleaned_data["file"],
            )
            return redirect("importeren:upload_status", pk=stored.pk)
    return render(request, "importeren/upload.html", _page_context(kind, form=form))


def _page_context(kind: str, **extra) -> dict:
    return {
        "kind": kind,
        "kind_slug": _kind_slug(kind),
        "columns": columns_for(kind),
        "code_lists": code_lists(kind),
        **extra,
    }


def _imported(request, stored, response):
    messages.success(request, _("Imported: %(counts)s.") % {"counts": counts_text(stored)})
    return response


@capability_required("can_coordinate")
def upload_status(request, pk):
    """One upload: its progress while it is checked or imported (htmx polls this page for
    the `_progress.html` part), then the result by row and column; the confirm button
    (POST) imports the checked file. When the import is done, the list of imports says so."""
    stored = get_for_village_or_404(ImportUpload, request.access, pk=pk)
    if request.method == "POST":
        if "confirm" in request.POST and upload_confirm(upload=stored):
            stored.refresh_from_db()
            if stored.status == ImportUpload.Status.IMPORTED:
                # Imported within the request already (tasks run eagerly, as in the tests).
                return _imported(request, stored, redirect("importeren:index"))
            return redirect("importeren:upload_status", pk=stored.pk)
        if stored.status == ImportUpload.Status.IMPORTED:
            return redirect("importeren:index")
        messages.error(request, _("This file cannot be imported (any more); upload it again."))
        return redirect("importeren:upload", kind=_kind_slug(stored.kind))
    if stored.status == ImportUpload.Status.IMPORTED and request.htmx:
        return _imported(request, stored, HttpResponseClientRedirect(reverse("importeren:index")))
    context = _page_context(
        stored.kind,
        upload=stored,
        result=stored.result if not stored.busy else None,
        counts=counts_text(stored),
        form=UploadForm(),
    )
    if request.htmx:
        return render(request, "importeren/_progress.html", context)
    return render(request, "importeren/upload.html", context)


@capability_required("can_coordinate")
def template(request, kind, fmt):
    """The empty template to fill in: CSV (semicolons, BOM) or XLSX with an explanation."""
    kind = _kind_or_404(kind)
    slug = _kind_slug(kind)
    if fmt == "csv":
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(kind),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="sjabloon-{slug}.{fmt}"'
    return response
