"""Import pages for the coordinators of the active village. Other roles get a 404.

Upload -> dry run (every problem by row and column) -> when nothing is wrong, one button
imports exactly the checked file, all rows or none.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import capability_required, scope_to_village

from .blanks import code_lists, columns_for, template_csv, template_xlsx
from .forms import ConfirmForm, UploadForm
from .models import ImportKind, ImportRun
from .services import describe_counts, import_file

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


@capability_required("can_coordinate")
def upload(request, kind):
    """Check an uploaded file (dry run), or import a checked one (the confirm button)."""
    kind = _kind_or_404(kind)
    village = request.access.village
    form = UploadForm()
    confirm_form = None
    result = None
    file_name = ""
    if request.method == "POST" and "confirm" in request.POST:
        confirm = ConfirmForm(request.POST)
        if confirm.is_valid():
            file_name = confirm.cleaned_data["file_name"]
            result = import_file(
                kind=kind,
                village=village,
                by=request.user,
                data=confirm.cleaned_data["content"],
                file_name=file_name,
                dry_run=False,
            )
            if result.imported:
                messages.success(
                    request,
                    _("Imported: %(counts)s.") % {"counts": describe_counts(result.counts)},
                )
                return redirect("importeren:index")
        else:
            messages.error(request, _("The file got lost; upload it again."))
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            data = upload_file.read()
            file_name = upload_file.name
            result = import_file(
                kind=kind,
                village=village,
                by=request.user,
                data=data,
                file_name=file_name,
                dry_run=True,
            )
            if result.ok:
                confirm_form = ConfirmForm(initial=ConfirmForm.initial_for(data, file_name))
                form = UploadForm()
    return render(
        request,
        "importeren/upload.html",
        {
            "kind": kind,
            "kind_slug": next(slug for slug, value in KINDS.items() if value == kind),
            "form": form,
            "confirm_form": confirm_form,
            "result": result,
            "file_name": file_name,
            "columns": columns_for(kind),
            "code_lists": code_lists(kind),
        },
    )


@capability_required("can_coordinate")
def template(request, kind, fmt):
    """The empty template to fill in: CSV (semicolons, BOM) or XLSX with an explanation."""
    kind = _kind_or_404(kind)
    slug = next(slug for slug, value in KINDS.items() if value == kind)
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
