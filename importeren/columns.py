"""The columns of the two import files, their aliases and the outcome codes.

docs/import.md describes the same columns for people; keep the two in step. A column that
is `required` must be present in row 1 (its cells may still be empty where the rules allow).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hulpvragen.lifecycle import Status


@dataclass(frozen=True)
class Column:
    name: str
    help: str | Promise
    example: str = ""
    required: bool = False


VOLUNTEER_COLUMNS = [
    Column("naam", _("First and last name (or use voornaam and achternaam)."), "Jan de Vries"),
    Column("voornaam", _("First name, when the name is split over two columns."), ""),
    Column("achternaam", _("Last name, when the name is split over two columns."), ""),
    Column("email", _("E-mail address; unique in the registry."), "jan.devries@example.nl"),
    Column("telefoon", _("Phone number, written any way."), "06 12 34 56 78"),
    Column("adres", _("Street and house number."), "Hoofdstraat 12"),
    Column("postcode", _("Postcode."), "9989 AB"),
    Column("woonplaats", _("Place; empty means the village itself."), "Warffum"),
    Column("soorten_hulp", _("Kinds of help offered: codes separated by ;."), "vervoer;klus"),
    Column("dagen", _("Days available: ma;di;wo;do;vr;za;zo (all dayparts)."), "ma;wo;vr"),
    Column("max_km", _("Maximum driving distance in km."), "25"),
    Column("eigen_auto", _("Own car: ja or nee."), "ja"),
    Column("ingeschreven_op", _("Date of registration; empty means today."), "15-03-2019"),
    Column("gestopt_op", _("Date the volunteer stopped; empty while still active."), ""),
    Column("reden_gestopt", _("Why they stopped: a code, or free text."), ""),
    Column("wensen_en_grenzen", _("Wishes and boundaries in their own words."), "geen tuinwerk"),
    Column("opmerkingen", _("Notes for the desk only."), ""),
]

VOLUNTEER_ALIASES = {
    "e_mail": "email",
    "emailadres": "email",
    "e_mailadres": "email",
    "mail": "email",
    "telefoonnummer": "telefoon",
    "tel": "telefoon",
    "mobiel": "telefoon",
    "plaats": "woonplaats",
    "soorten": "soorten_hulp",
    "soort_hulp": "soorten_hulp",
    "beschikbaar": "dagen",
    "ingeschreven": "ingeschreven_op",
    "gestopt": "gestopt_op",
    "auto": "eigen_auto",
    "grenzen": "wensen_en_grenzen",
    "opmerking": "opmerkingen",
}

REQUEST_COLUMNS = [
    Column("datum", _("Intake date."), "23-11-2024", required=True),
    Column("inwoner", _("First and last name of the resident."), "Aaltje Bos", required=True),
    Column("adres", _("Street and house number (needed for a new resident)."), "Kerkstraat 3"),
    Column("postcode", _("Postcode of the resident."), "9989 AC", required=True),
    Column("woonplaats", _("Place; empty means the village itself."), ""),
    Column("telefoon", _("Phone number of the resident."), "0595 42 12 34"),
    Column("soort", _("Kind of help: one category code."), "vervoer", required=True),
    Column("omschrijving", _("What was asked."), "Rit naar het ziekenhuis"),
    Column("structureel", _("Recurring: ja or nee (empty is nee)."), "nee"),
    Column("einddatum", _("When a recurring request stopped."), ""),
    Column("uitkomst", _("Outcome code (see below)."), "uitgevoerd", required=True),
    Column("reden", _("Reason, free text; matched to a reason code when it is one."), ""),
    Column(
        "vrijwilligers", _("Volunteers (names or e-mail addresses) separated by ;."), "Jan de Vries"
    ),
    Column("doorverwezen_naar", _("Organisation on the social map (by name)."), ""),
    Column("kanaal", _("How the request came in (code); empty is telefoon."), "telefoon"),
    Column("bestemming", _("Destination of a ride."), "Martini Ziekenhuis"),
]

REQUEST_ALIASES = {
    "intakedatum": "datum",
    "datum_intake": "datum",
    "hulpvrager": "inwoner",
    "naam": "inwoner",
    "naam_inwoner": "inwoner",
    "telefoonnummer": "telefoon",
    "tel": "telefoon",
    "plaats": "woonplaats",
    "categorie": "soort",
    "soort_hulp": "soort",
    "beschrijving": "omschrijving",
    "vraag": "omschrijving",
    "eind_datum": "einddatum",
    "gestopt_op": "einddatum",
    "vrijwilliger": "vrijwilligers",
    "doorverwezen_aan": "doorverwezen_naar",
    "organisatie": "doorverwezen_naar",
}

# Outcome code in the file -> the status the request ends in.
OUTCOMES = {
    "uitgevoerd": Status.CLOSED,  # a recurring one: active, or ended with einddatum
    "informatie": Status.INFORMED,
    "doorverwezen": Status.REFERRED,
    "afgewezen": Status.REJECTED,
    "niet_doorgegaan": Status.CANCELLED,
}
OUTCOME_ALIASES = {
    "niet doorgegaan": "niet_doorgegaan",
    "niet-doorgegaan": "niet_doorgegaan",
    "info": "informatie",
    "informatie_gegeven": "informatie",
}

# Reasons for stopping (vrijwilligers.models.StopReason) by their Dutch words as well.
STOP_REASON_ALIASES = {
    "zelf_hulpvrager": "became_requester",
    "hulpvrager": "became_requester",
    "gezondheid": "health",
    "leeftijd": "health",
    "geen_tijd": "no_time",
    "verhuisd": "moved",
    "overleden": "deceased",
    "anders": "other",
    "overig": "other",
}
