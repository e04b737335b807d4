"""Importing the volunteer registry a desk kept in a spreadsheet.

`check` only reads (the dry run writes nothing); `apply` writes through the registry's own
services (`volunteer_create`, `volunteer_stop`) so every volunteer gets its history line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hulpvragen.models import HelpCategory
from vrijwilligers import services as registry
from vrijwilligers.availability import Daypart, VolunteerStatus
from vrijwilligers.models import StopReason, Volunteer

from .checking import Problem, Progress, RowReader, counted, missing_columns, unknown_columns
from .columns import STOP_REASON_ALIASES, VOLUNTEER_COLUMNS
from .parsing import (
    name_key,
    parse_bool,
    parse_codes,
    parse_date,
    parse_email,
    parse_phone,
    parse_postcode,
    parse_weekdays,
    parse_whole_number,
    split_address,
    split_name,
)
from .reading import Table

# Model field -> the column it came from (for full_clean() messages).
FIELD_COLUMNS = {
    "first_name": "naam",
    "last_name": "naam",
    "email": "email",
    "phone": "telefoon",
    "street": "adres",
    "house_number": "adres",
    "postcode": "postcode",
    "place": "woonplaats",
    "max_km": "max_km",
    "registered_on": "ingeschreven_op",
    "stopped_on": "gestopt_op",
    "stop_reason": "reden_gestopt",
    "stop_note": "reden_gestopt",
    "boundaries": "wensen_en_grenzen",
    "coordinator_notes": "opmerkingen",
}


@dataclass
class VolunteerPlan:
    row: int
    fields: dict
    categories: list = field(default_factory=list)
    slots: list = field(default_factory=list)
    stopped_on: date | None = None
    stop_reason: str = ""
    stop_note: str = ""


def _stop_reasons() -> dict[str, str]:
    known = {value: value for value in StopReason.values}
    known.update(STOP_REASON_ALIASES)
    known.update({str(label).lower(): value for value, label in StopReason.choices})
    return known


def check(
    table: Table, *, village, today: date, progress: Progress | None = None
) -> tuple[list, list[Problem], list[Problem]]:
    """Read and validate every row. Returns (plans, problems, warnings)."""
    problems: list[Problem] = []
    warnings = unknown_columns(
        table.headers, {c.name for c in VOLUNTEER_COLUMNS}, table.raw_headers
    )
    if "naam" not in table.headers and not {"voornaam", "achternaam"} <= set(table.headers):
        problems += missing_columns(table.headers, ["naam"])
    if problems:
        return [], problems, warnings
    if not table.rows:
        return [], [Problem(None, "", _("The file holds no volunteers (only row 1)."))], warnings

    categories = {c.code.lower(): c for c in HelpCategory.objects.all()}
    registry_emails = {
        email.lower()
        for email in Volunteer.objects.filter(village=village)
        .exclude(email="")
        .values_list("email", flat=True)
    }
    registry_names = {
        name_key(f"{first} {last}")
        for first, last in Volunteer.objects.filter(village=village).values_list(
            "first_name", "last_name"
        )
    }
    stop_reasons = _stop_reasons()
    seen_emails: dict[str, int] = {}
    plans: list[VolunteerPlan] = []

    for number, cells in counted(table.rows, progress):
        row = RowReader(number, cells, problems, warnings)
        if row.has("voornaam") or row.has("achternaam"):
            first, last = row.text("voornaam"), row.text("achternaam")
            name_column = "voornaam" if not first else "achternaam"
        else:
            first, last = split_name(row.text("naam"))
            name_column = "naam"
        if not (first and last):
            row.error(name_column, _("Give the first and the last name."))
        elif name_key(f"{first} {last}") in registry_names:
            row.warn(
                name_column,
                _("A volunteer with this name is already in the registry; check for a double."),
            )

        email = row.read("email", parse_email) or ""
        if email:
            if email in seen_emails:
                row.error(
                    "email",
                    _("This e-mail address is also in row %(row)s.") % {"row": seen_emails[email]},
                )
            elif email in registry_emails:
                row.error("email", _("A volunteer with this e-mail address is already registered."))
            seen_emails.setdefault(email, number)

        phone = row.read("telefoon", parse_phone) or ""
        postcode = row.read("postcode", parse_postcode) or ""
        address = row.read("adres", split_address)
        street, house_number = "", ""
        if address:
            street, number_part, addition = address
            house_number = f"{number_part}{addition}"
        place = row.text("woonplaats") or (village.name if (street or postcode) else "")
        chosen = row.read("soorten_hulp", parse_codes, categories, what=_("kind of help")) or []
        weekdays = row.read("dagen", parse_weekdays) or []
        max_km = row.read("max_km", parse_whole_number, maximum=500)
        has_car = row.read("eigen_auto", parse_bool)
        registered_on = row.read("ingeschreven_op", parse_date, today=today)
        if registered_on is None and not row.has("ingeschreven_op"):
            registered_on = today
            row.warn("ingeschreven_op", _("No date of registration: today is used."))
        stopped_on = row.read("gestopt_op", parse_date, today=today)
        stop_reason, stop_note = "", ""
        if row.has("reden_gestopt") and not row.has("gestopt_op"):
            row.error("gestopt_op", _("A reason for stopping is given: also give the date."))
        if stopped_on:
            text = row.text("reden_gestopt")
            stop_reason = stop_reasons.get(text.lower().replace(" ", "_")) or stop_reasons.get(
                text.lower(), StopReason.OTHER
            )
            if stop_reason == StopReason.OTHER and text.lower() not in ("other", "anders"):
                stop_note = text[:200]
            if registered_on and stopped_on < registered_on:
                row.error("gestopt_op", _("The volunteer cannot stop before registering."))

        volunteer = Volunteer(
            village=village,
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            street=street,
            house_number=house_number,
            postcode=postcode,
            place=place,
            max_km=max_km,
            has_car=bool(has_car),
            registered_on=registered_on or today,
            boundaries=row.text("wensen_en_grenzen"),
            coordinator_notes=row.text("opmerkingen"),
            status=VolunteerStatus.ACTIVE,
        )
        if row.ok:
            try:
                volunteer.full_clean()
            except ValidationError as exc:
                row.model_errors(exc, FIELD_COLUMNS)
        if not row.ok:
            continue
        plans.append(
            VolunteerPlan(
                row=number,
                fields={name: getattr(volunteer, name) for name in registry.DETAIL_FIELDS},
                categories=chosen,
                slots=[(day, part) for day in weekdays for part in Daypart.values],
                stopped_on=stopped_on,
                stop_reason=stop_reason,
                stop_note=stop_note,
            )
        )
    return plans, problems, warnings


def apply(plans: list[VolunteerPlan], *, village, by) -> dict:
    """Write the checked volunteers (call inside a transaction). Returns counts."""
    stopped = 0
    for plan in plans:
        volunteer = registry.volunteer_create(
            village=village,
            by=by,
            fields=plan.fields,
            categories=plan.categories,
            slots=plan.slots,
            status=VolunteerStatus.ACTIVE,
        )
        if plan.stopped_on:
            registry.volunteer_stop(
                volunteer=volunteer,
                by=by,
                on=plan.stopped_on,
                reason=plan.stop_reason,
                note=plan.stop_note,
            )
            stopped += 1
    return {"volunteers": len(plans), "stopped": stopped}
