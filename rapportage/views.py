"""The yearly overview pages and downloads: readers and coordinators, aggregates only.

Which villages: `?village=slug` (repeatable); every slug must be one of the user's
`access.report_villages`, anything else is a 404 (a reader never learns about another
village). Without a slug: all of them (a regional reader sees them side by side).
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import capability_required
from accounts.roles import Role
from hulpvragen.models import HelpRequest

from . import exports
from .forms import FIRST_YEAR, OverviewForm, SocialValueRateForm, YearTextForm
from .models import SocialValueRate, YearText
from .municipal import build_municipal_report, municipal_tables
from .overview import build_overview
from .report import first_page, tables_section
from .tables import TABLE_KEYS, overview_tables


def _years(villages, today) -> list[int]:
    first = HelpRequest.objects.filter(village__in=villages).aggregate(first=Min("created_at"))[
        "first"
    ]
    start = max(
        FIRST_YEAR, min(timezone.localtime(first).year if first else today.year, today.year - 1)
    )
    return list(range(today.year, start - 1, -1))


def _selection(request):
    """(form, villages, year, valid) from the query string, or 404 for a foreign village."""
    allowed = {v.slug: v for v in request.access.report_villages}
    slugs = request.GET.getlist("village")
    if any(slug not in allowed for slug in slugs):
        raise Http404
    villages = [allowed[slug] for slug in dict.fromkeys(slugs)] or list(allowed.values())
    today = timezone.localdate()
    default_year = today.year - 1
    form = OverviewForm(
        {"year": request.GET.get("year", default_year), "village": [v.slug for v in villages]},
        villages=list(allowed.values()),
        years=_years(list(allowed.values()), today),
        this_year=today.year,
    )
    valid = form.is_valid()
    year = form.cleaned_data["year"] if valid else default_year
    if year not in form.years:
        form.years = sorted({*form.years, year}, reverse=True)
    return form, villages, year, valid


def _query(villages, year) -> str:
    from urllib.parse import urlencode

    return urlencode([("year", year)] + [("village", v.slug) for v in villages])


def _download(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@capability_required("can_read_reports")
def overview(request):
    """The yearly overview for the klankbordgroep: every table with a chart beside it."""
    form, villages, year, _valid = _selection(request)
    data = build_overview(villages, year)
    coordinated = {v.pk for v in request.access.villages_with_role(Role.COORDINATOR)}
    context = {
        "form": form,
        "overview": data,
        "tables": overview_tables(data),
        "villages": villages,
        "year": year,
        "query": _query(villages, year),
        "several_allowed": len(request.access.report_villages) > 1,
        "editable_villages": [v for v in villages if v.pk in coordinated],
        **first_page(data),
    }
    context["tables_html"] = tables_section(data, context["tables"], context)
    return render(request, "rapportage/overview.html", context)


@capability_required("can_read_reports")
def presentation(request):
    """The overview for the meeting: one key-figure, table or chart per screen, big type."""
    form, villages, year, _valid = _selection(request)
    data = build_overview(villages, year)
    return render(
        request,
        "rapportage/presentation.html",
        {
            "overview": data,
            "tables": [t for t in overview_tables(data) if not t.is_empty],
            "villages": villages,
            "year": year,
            "query": _query(villages, year),
            **first_page(data),
        },
    )


@capability_required("can_coordinate")
def year_text(request, village, year):
    """A coordinator writes the desk's foreword and thanks for one of their villages and a
    year; anything outside their villages is a 404."""
    allowed = {v.slug: v for v in request.access.villages_with_role(Role.COORDINATOR)}
    if village not in allowed or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    chosen = allowed[village]
    instance = YearText.objects.filter(village=chosen, year=year).first() or YearText(
        village=chosen, year=year
    )
    form = YearTextForm(request.POST or None, instance=instance)
    back = reverse("rapportage:overview") + "?" + _query([chosen], year)
    if request.method == "POST" and form.is_valid():
        text = form.save(commit=False)
        text.updated_by = request.user
        text.save()
        messages.success(request, _("The foreword and thanks are saved."))
        return redirect(back)
    return render(
        request,
        "rapportage/year_text.html",
        {"form": form, "village": chosen, "year": year, "back": back},
    )


def _download_selection(request):
    form, villages, year, valid = _selection(request)
    if not valid:
        return None, redirect(reverse("rapportage:overview") + "?" + request.GET.urlencode())
    return build_overview(villages, year), None


@capability_required("can_read_reports")
def overview_pdf(request):
    data, bounce = _download_selection(request)
    if bounce:
        return bounce
    try:
        pdf = exports.overview_pdf(data)
    except OSError:
        # WeasyPrint loads Pango when it is first used; without it, say so instead of a 500.
        messages.error(
            request,
            _("The PDF cannot be made on this installation. Use the print button instead."),
        )
        return redirect(reverse("rapportage:overview") + "?" + request.GET.urlencode())
    return _download(pdf, "application/pdf", exports.filename(data, "pdf"))


@capability_required("can_read_reports")
def overview_xlsx(request):
    data, bounce = _download_selection(request)
    if bounce:
        return bounce
    return _download(
        exports.overview_xlsx(data),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.filename(data, "xlsx"),
    )


@capability_required("can_read_reports")
def overview_json(request):
    data, bounce = _download_selection(request)
    if bounce:
        return bounce
    return _download(
        exports.overview_json(data),
        "application/json; charset=utf-8",
        exports.filename(data, "json"),
    )


@capability_required("can_read_reports")
def table_csv(request, table):
    if table not in TABLE_KEYS:
        raise Http404
    data, bounce = _download_selection(request)
    if bounce:
        return bounce
    chosen = next(t for t in overview_tables(data) if t.key == table)
    return _download(
        exports.table_csv(chosen), "text/csv; charset=utf-8", exports.filename(data, "csv", table)
    )


# --- the municipality's report --------------------------------------------------------------


def _municipal_context(request):
    form, villages, year, valid = _selection(request)
    report = build_municipal_report(villages, year)
    return form, valid, report


@capability_required("can_read_reports")
def municipal(request):
    """The municipality's report: per village and the region, suppressed aggregates only."""
    form, _valid, report = _municipal_context(request)
    coordinated = {v.pk for v in request.access.villages_with_role(Role.COORDINATOR)}
    return render(
        request,
        "rapportage/municipal.html",
        {
            "form": form,
            "report": report,
            "tables": municipal_tables(report),
            "villages": report["villages"],
            "year": report["year"],
            "query": _query(report["villages"], report["year"]),
            "several_allowed": len(request.access.report_villages) > 1,
            "rate_villages": [v for v in report["villages"] if v.pk in coordinated],
        },
    )


@capability_required("can_read_reports")
def municipal_pdf(request):
    form, valid, report = _municipal_context(request)
    back = reverse("rapportage:municipal") + "?" + request.GET.urlencode()
    if not valid:
        return redirect(back)
    try:
        pdf = exports.municipal_pdf(report, municipal_tables(report))
    except OSError:
        messages.error(
            request,
            _("The PDF cannot be made on this installation. Use the print button instead."),
        )
        return redirect(back)
    return _download(pdf, "application/pdf", exports.municipal_filename(report, "pdf"))


@capability_required("can_read_reports")
def municipal_csv(request):
    form, valid, report = _municipal_context(request)
    if not valid:
        return redirect(reverse("rapportage:municipal") + "?" + request.GET.urlencode())
    return _download(
        exports.municipal_csv(municipal_tables(report)),
        "text/csv; charset=utf-8",
        exports.municipal_filename(report, "csv"),
    )


@capability_required("can_coordinate")
def social_value_rate(request, village):
    """A coordinator sets the reference rates (and their source) of one of their villages."""
    allowed = {v.slug: v for v in request.access.villages_with_role(Role.COORDINATOR)}
    if village not in allowed:
        raise Http404
    chosen = allowed[village]
    instance = SocialValueRate.objects.filter(village=chosen).first() or SocialValueRate(
        village=chosen
    )
    form = SocialValueRateForm(request.POST or None, instance=instance)
    back = reverse("rapportage:municipal") + "?" + _query([chosen], timezone.localdate().year - 1)
    if request.method == "POST" and form.is_valid():
        rate = form.save(commit=False)
        rate.updated_by = request.user
        rate.full_clean()
        rate.save()
        messages.success(request, _("The reference rates are saved."))
        return redirect(back)
    return render(
        request,
        "rapportage/social_value_rate.html",
        {"form": form, "village": chosen, "back": back},
    )
