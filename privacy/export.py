"""Everything the desk holds about one resident (AVG art. 15 and 20), as data and as a PDF.

`resident_export(resident)` walks the field register: for every model with rows about a
resident it takes those rows with every field (the personal ones and the codes and dates
that give them meaning). The access log is part of it. JSON is the machine-readable copy
(art. 20), the PDF the letter for the resident (art. 15).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal

from django.apps import apps
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from dorpsloket.pdf import html_to_pdf

from .register import NONE, REGISTER, about_residents
from .selectors import rows_about

FORMAT_VERSION = 1


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Related rows whose name needs no further query (the others are shown by number; their
# own section of the export has them in full).
NAMED_BY_OWN_FIELDS = {
    "accounts.Village",
    "accounts.User",
    "hulpvragen.HelpCategory",
    "hulpvragen.ReasonCode",
    "sociale_kaart.Organisation",
    "uitleen.AidItem",
    "vrijwilligers.Volunteer",
}


def _display(obj, field) -> str:
    """What a person reads for one field of one row (choices by label, links by name)."""
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    value = getattr(obj, field.attname)
    if value in (None, ""):
        return ""
    if field.is_relation:
        if field.related_model._meta.label in NAMED_BY_OWN_FIELDS:
            return str(getattr(obj, field.name))
        return _("number %(number)s") % {"number": value}
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d-%m-%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def exported_fields(label: str) -> list:
    """The concrete fields of `label` that the export carries: all fields in the register."""
    model = apps.get_model(label)
    names = REGISTER[label].fields
    return [f for f in model._meta.concrete_fields if f.name in names]


def resident_export(resident, *, now=None) -> dict:
    """Every row about `resident`, per model of the register, with every field.

    The result is plain JSON data: {"resident": id, "erased": {...} or None, "sections": [
    {"model": label, "title": ..., "rows": [{"field": value}], "display": [[(label, text)]]}]}.
    """
    now = now or timezone.now()
    Erasure = apps.get_model("privacy", "Erasure")
    erasure = (
        Erasure.objects.filter(kind=Erasure.Kind.RESIDENT, object_id=resident.pk)
        .select_related("by")
        .first()
    )
    sections = []
    for label in about_residents():
        model = apps.get_model(label)
        fields = exported_fields(label)
        related = [
            f.name
            for f in fields
            if f.is_relation and f.related_model._meta.label in NAMED_BY_OWN_FIELDS
        ]
        rows = list(rows_about(label, resident).select_related(*related))
        sections.append(
            {
                "model": label,
                "title": str(model._meta.verbose_name_plural),
                "rows": [{f.name: _plain(getattr(row, f.attname)) for f in fields} for row in rows],
                "display": [
                    [
                        (str(f.verbose_name), _display(row, f))
                        for f in fields
                        if REGISTER[label].fields[f.name] != NONE or _display(row, f)
                    ]
                    for row in rows
                ],
            }
        )
    return {
        "format": FORMAT_VERSION,
        "generated_at": timezone.localtime(now).isoformat(),
        "village": resident.village.name,
        "resident": resident.pk,
        "erased": (
            {"at": timezone.localtime(erasure.at).isoformat(), "reason": erasure.reason}
            if erasure
            else None
        ),
        "sections": sections,
    }


def export_json(export: dict) -> str:
    data = {
        **{k: v for k, v in export.items() if k != "sections"},
        "sections": [
            {"model": s["model"], "title": s["title"], "rows": s["rows"]}
            for s in export["sections"]
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def export_pdf(export: dict, *, resident) -> bytes:
    html = render_to_string(
        "privacy/export_pdf.html",
        {
            "export": export,
            "resident": resident,
            "generated_at": datetime.fromisoformat(export["generated_at"]),
        },
    )
    return html_to_pdf(html)
