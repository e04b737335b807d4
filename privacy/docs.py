"""docs/privacy.md, generated from the field register (`manage.py privacy_docs`).

The processing register (AVG art. 30), the retention table, what each role can see (from
the capabilities in accounts.access, evaluated per role) and a DPIA starter. A test fails
when the file in the repository differs from what this module writes.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.apps import apps
from django.utils import translation

from accounts.access import Access
from accounts.models import Membership, Village
from accounts.roles import Role

from .models import DEFAULT_MONTHS
from .register import NONE, PERSONAL, PSEUDONYM, REGISTER, SENSITIVE

CLASS_NAMES = {
    PERSONAL: "persoonsgegeven",
    SENSITIVE: "gevoelig",
    PSEUDONYM: "pseudoniem",
    NONE: "geen",
}

# What a capability opens, in the desk's words.
CAPABILITY_SEES = {
    "can_coordinate": "alle gegevens van inwoners, hulpvragen, vrijwilligers, koppelingen, "
    "signalen, uitleen en de takenlijst van het eigen dorp (niet die van andere dorpen)",
    "is_volunteer": "de eigen gegevens en taken; van een inwoner alleen voornaam, adres en wat "
    "nodig is voor de taak, pas na het aannemen van die taak",
    "can_read_reports": "het jaaroverzicht: aantallen, geen namen, adressen of notities",
    "can_administer": "de beheeromgeving: accounts, instellingen en (alleen lezen) logboeken",
}
CAPABILITY_NAMES = {
    "can_coordinate": "coördineren",
    "is_volunteer": "eigen taken",
    "can_read_reports": "jaaroverzicht lezen",
    "can_administer": "beheren",
}


def role_capabilities() -> dict[str, list[str]]:
    """Per role: the capabilities an Access with only that role in one village has."""
    village = Village(pk=1, name="-", slug="-")
    out = {}
    for role in Role:
        user = SimpleNamespace(is_staff=role == Role.BEHEERDER, is_authenticated=True)
        membership = Membership(role=role, village=village)
        access = Access(user=user, memberships=[membership], active_village_id=village.pk)
        out[role.value] = [name for name in CAPABILITY_SEES if getattr(access, name)]
    return out


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _title(label: str) -> str:
    return str(apps.get_model(label)._meta.verbose_name)


def render() -> str:
    with translation.override("nl"):
        return _render()


def _render() -> str:
    period = f"{DEFAULT_MONTHS // 12} jaar"
    out = [
        "# Privacy: verwerkingsregister, bewaartermijnen, inzage per rol en DPIA-opzet",
        "",
        "<!-- Gemaakt door `manage.py privacy_docs` uit privacy/register.py; niet met de hand",
        "     wijzigen (een test faalt als dit bestand niet overeenkomt). -->",
        "",
        "Dit document hoort bij het verwerkingsregister van het loket (AVG art. 30). Het loket",
        "(de coöperatie of stichting) is verwerkingsverantwoordelijke; vul de gegevens van de",
        "eigen organisatie en de functionaris voor gegevensbescherming aan waar gevraagd.",
        "",
        "## 1. Verwerkingsregister (art. 30)",
        "",
        "Per soort gegeven: waarvoor het loket het bewaart, op welke grondslag, over wie, en",
        "welke velden persoonsgegevens (P), gevoelige gegevens (G) of pseudoniemen (S) zijn.",
        "",
    ]
    rows = []
    for label, entry in REGISTER.items():
        personal = [n for n, c in entry.fields.items() if c == PERSONAL]
        sensitive = [n for n, c in entry.fields.items() if c == SENSITIVE]
        pseudonyms = [n for n, c in entry.fields.items() if c == PSEUDONYM]
        if not (personal or sensitive or pseudonyms):
            continue
        fields = "; ".join(
            part
            for part in (
                "P: " + ", ".join(personal) if personal else "",
                "G: " + ", ".join(sensitive) if sensitive else "",
                "S: " + ", ".join(pseudonyms) if pseudonyms else "",
            )
            if part
        )
        rows.append(
            [
                f"{_title(label)} (`{label}`)",
                entry.purpose,
                entry.basis,
                ", ".join(entry.data_subjects) or "—",
                fields,
            ]
        )
    out += _table(["Gegeven", "Doel", "Grondslag", "Over wie", "Velden"], rows)
    out += [
        "",
        "Ontvangers: alleen de coördinatoren en vrijwilligers van het eigen dorp; bij een",
        "signaal of verwijzing de organisatie van de sociale kaart waaraan het loket het",
        "doorgeeft, met toestemming van de inwoner. Geen doorgifte buiten de EER.",
        "",
        "## 2. Bewaartermijnen",
        "",
        f"De termijnen zijn per dorp in te stellen (standaard {period}). Een dagelijkse taak",
        "anonimiseert wat over de termijn is; 30 dagen vooraf staat op de takenlijst wie wanneer",
        "aan de beurt is. Een inwoner met nog iets open (hulpvraag, uitgeleend hulpmiddel,",
        "open signaal) wordt overgeslagen en krijgt een taak op de takenlijst.",
        "",
    ]
    rows = [
        [f"{_title(label)} (`{label}`)", entry.retention.format(period=period)]
        for label, entry in REGISTER.items()
        if any(c != NONE for c in entry.fields.values())
    ]
    out += _table(["Gegeven", "Bewaartermijn"], rows)
    out += [
        "",
        "Anonimiseren laat de rij staan met datums, statussen en codes (het jaaroverzicht",
        "telt ze), en maakt elk veld met een persoonsgegeven of gevoelig gegeven leeg. Het",
        "toegangslog wordt nooit gewijzigd: het noemt de inwoner alleen bij nummer, en na het",
        "wissen is dat nummer een pseudoniem.",
        "",
        "## 3. Wat elke rol kan zien",
        "",
        "Afgeleid uit de rechten in de code (accounts/access.py): per rol de rechten, en wat",
        "die openen.",
        "",
    ]
    capabilities = role_capabilities()
    rows = []
    for role in Role:
        caps = capabilities[role.value]
        rows.append(
            [
                str(role.label),
                ", ".join(CAPABILITY_NAMES[c] for c in caps) or "—",
                ("; ".join(CAPABILITY_SEES[c] for c in caps) or "niets").capitalize(),
            ]
        )
    out += _table(["Rol", "Rechten", "Ziet"], rows)
    out += [
        "",
        "## 4. DPIA-opzet (gegevensbeschermingseffectbeoordeling)",
        "",
        "Het loket verwerkt gezondheids- en geldzaken van kwetsbare inwoners (bijzondere",
        "persoonsgegevens): een DPIA is verplicht. Vul de open punten aan en bespreek ze in",
        "het bestuur.",
        "",
        "1. **Beschrijving.** Zie het verwerkingsregister hierboven. Aanvullen: aantal",
        "   inwoners en vrijwilligers per jaar, wie de server beheert, waar die staat.",
        "2. **Noodzaak en evenredigheid.** Alleen wat nodig is voor de hulp; gevoelige",
        "   notities alleen met vastgelegde toestemming. Aanvullen: waarom elk gevoelig veld",
        "   nodig is voor uw loket.",
        "3. **Risico's voor inwoners.** In een dorp kent iedereen iedereen: een probleem dat",
        "   bekend wordt, een vrijwilliger die meer weet dan nodig. Aanvullen: kans en ernst",
        "   per risico.",
        "4. **Maatregelen in de software.** Rechten per rol en per dorp (zie 3); vrijwilligers",
        "   zien een adres pas na het aannemen; elke inzage in het toegangslog (niet te",
        "   wijzigen); inzage en export per inwoner; wissen per inwoner; automatische",
        "   bewaartermijnen; tweestapsverificatie voor coördinatoren; geen externe bronnen",
        "   op pagina's met gegevens van inwoners.",
        "5. **Organisatorische maatregelen.** Aanvullen: geheimhoudingsverklaring van",
        "   vrijwilligers, VOG, wie het toegangslog maandelijks bekijkt, wat te doen bij een",
        "   datalek (melding binnen 72 uur bij de Autoriteit Persoonsgegevens).",
        "6. **Conclusie en besluit.** Aanvullen: restrisico, besluit van het bestuur, datum",
        "   van de volgende herziening.",
        "",
    ]
    return "\n".join(out)
