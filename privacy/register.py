"""The field register: every field of every model of the project's own apps, classified.

- PERSONAL: says something about an identifiable person (name, address, a note typed about
  them, a text that may name them);
- SENSITIVE: special categories (AVG art. 9) or as delicate: health, money, worries;
- PSEUDONYM: points at a person without naming them (a resident's or user's id, a link to a
  row that names them);
- NONE: no personal data (codes, counts, dates of a process, configuration).

Per model the register also says why it is kept (purpose), on what legal basis, how long,
and how to find the rows about one resident (`resident`: a lookup from the model to the
resident's id, or the name of a selector in privacy.selectors for rows that name a resident
by an id in a JSON field). Export and erasure per resident are driven by this; the tests fail
when a field or model is missing here (tests/privacy/test_register.py) and docs/privacy.md
is generated from it (`manage.py privacy_docs`).

The purposes, bases and retention texts are in Dutch: they go into the desk's own documents
(docs/privacy.md) as they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PERSONAL = "personal"
SENSITIVE = "sensitive"
PSEUDONYM = "pseudonym"
NONE = "none"
CLASSES = (PERSONAL, SENSITIVE, PSEUDONYM, NONE)

# The apps whose models the register covers.
APPS = (
    "accounts",
    "hulpvragen",
    "vrijwilligers",
    "koppelingen",
    "sociale_kaart",
    "meldingen",
    "uitleen",
    "activiteiten",
    "importeren",
    "rapportage",
    "regio",
    "privacy",
    "dorpsloket",
)

# Legal bases (AVG art. 6 and 9), as the documents name them.
TASK = "Gerechtvaardigd belang / uitvoering van de hulp waar de inwoner om vraagt (art. 6 lid 1 f)"
CONSENT = "Uitdrukkelijke toestemming van de inwoner (art. 6 lid 1 a en art. 9 lid 2 a)"
VOLUNTEER_AGREEMENT = "Vrijwilligersovereenkomst (art. 6 lid 1 b)"
LEGAL_DUTY = "Wettelijke plicht tot beveiliging en verantwoording (art. 6 lid 1 c, art. 32)"
CONFIG = "Geen persoonsgegevens"

RESIDENT_RETENTION = "Tot {period} na het laatste contact, daarna geanonimiseerd"
VOLUNTEER_RETENTION = "Tot {period} na het stoppen, daarna geanonimiseerd"
INBOUND_SMS_RETENTION = (
    "90 dagen na ontvangst verwijderd (de tekst staat ook in het logboek van de koppeling)"
)
SIGNAL_RETENTION = "Tot {period} na het doorgeven of sluiten, daarna geanonimiseerd"


@dataclass(frozen=True)
class Entry:
    fields: dict[str, str]
    purpose: str
    basis: str
    retention: str = "Zolang nodig voor de werking van het loket"
    # How the rows about one resident are found: an ORM lookup to the resident's id
    # ("pk", "resident", "help_request__resident"), or "selector:<name>" (privacy.selectors).
    resident: str = ""
    # Who may see this, when it is not derived (see privacy.docs.role_table).
    data_subjects: tuple[str, ...] = field(default_factory=tuple)


P, S, X, N = PERSONAL, SENSITIVE, PSEUDONYM, NONE

LOGBOOK = {"village": N, "by": X, "at": N, "kind": N, "text": P}

REGISTER: dict[str, Entry] = {
    # --- accounts --------------------------------------------------------------------
    "accounts.Village": Entry(
        {
            "id": N,
            "name": N,
            "slug": N,
            "postcodes": N,
            "desk_phone": N,
            "desk_email": N,
            "created_at": N,
        },
        "Het werkgebied en de contactgegevens van het loket",
        CONFIG,
    ),
    "accounts.User": Entry(
        {
            "id": N,
            "password": N,
            "last_login": P,
            "is_superuser": N,
            "email": P,
            "full_name": P,
            "is_active": N,
            "is_staff": N,
            "date_joined": P,
            "groups": N,
            "user_permissions": N,
        },
        "Inloggen van coördinatoren, vrijwilligers, lezers en beheerders",
        VOLUNTEER_AGREEMENT,
        "Zolang iemand een rol heeft; daarna wordt het account uitgezet",
        data_subjects=("medewerkers", "vrijwilligers"),
    ),
    "accounts.Membership": Entry(
        {"id": N, "user": X, "village": N, "role": N, "created_at": N},
        "Wie welke rol heeft in welk dorp",
        VOLUNTEER_AGREEMENT,
        data_subjects=("medewerkers", "vrijwilligers"),
    ),
    "accounts.AccessLogEntry": Entry(
        {
            "id": N,
            "at": N,
            "user": X,
            "role": N,
            "village": N,
            "resident_id": X,
            "action": N,
            "via": N,
            "view_name": N,
            "object_ref": X,
        },
        "Verantwoording: wie heeft de gegevens van een inwoner bekeken (NEN 7513)",
        LEGAL_DUTY,
        "Niet te wijzigen of te wissen (alleen toevoegen); na wissen van de inwoner blijft "
        "alleen het nummer over, een pseudoniem",
        resident="resident_id",
        data_subjects=("inwoners", "medewerkers"),
    ),
    "accounts.SecurityEvent": Entry(
        {
            "id": N,
            "at": N,
            "kind": N,
            "user": X,
            "by": X,
            "email": P,
            "ip_address": P,
            "note": P,
        },
        "Beveiliging: inlogpogingen, tweestapsverificatie, sessies",
        LEGAL_DUTY,
        data_subjects=("medewerkers", "vrijwilligers"),
    ),
    # --- hulpvragen ------------------------------------------------------------------
    "hulpvragen.HelpCategory": Entry(
        {"id": N, "code": N, "name": N, "is_transport": N, "order": N, "is_active": N},
        "Soorten hulp",
        CONFIG,
    ),
    "hulpvragen.ReasonCode": Entry(
        {"id": N, "code": N, "label": N, "applies_to": N, "order": N, "is_active": N},
        "Redenen waarom een hulpvraag zonder vrijwilliger eindigde",
        CONFIG,
    ),
    "hulpvragen.Resident": Entry(
        {
            "id": N,
            "village": N,
            "first_name": P,
            "last_name": P,
            "street": P,
            "house_number": P,
            "house_number_addition": P,
            "postcode": P,
            "place": P,
            "phone": P,
            "email": P,
            "birth_year": P,
            "network_notes": P,
            "is_cooperative_member": P,
            "health_notes": S,
            "money_notes": S,
            "created_at": N,
            "updated_at": N,
            "created_by": X,
        },
        "Contact met de inwoner die om hulp vraagt; passende hulp zoeken",
        TASK + "; notities over gezondheid en geld: " + CONSENT,
        RESIDENT_RETENTION,
        resident="pk",
        data_subjects=("inwoners",),
    ),
    "hulpvragen.ConsentRecord": Entry(
        {
            "id": N,
            "village": N,
            "resident": X,
            "purpose": N,
            "given_on": N,
            "note": P,
            "recorded_by": X,
            "recorded_at": N,
            "text_version": N,
            "withdrawn_on": N,
            "withdrawn_at": N,
            "withdrawn_by": X,
        },
        "Aantonen waarvoor de inwoner toestemming gaf",
        CONSENT,
        RESIDENT_RETENTION,
        resident="resident",
        data_subjects=("inwoners",),
    ),
    "hulpvragen.HelpRequest": Entry(
        {
            "id": N,
            "village": N,
            "resident": X,
            "category": N,
            "duration_minutes": N,
            "description": P,
            "asked_by": P,
            "channel": N,
            "referred_by": N,
            "timing": N,
            "needed_on": N,
            "needed_until": N,
            "time_from": N,
            "time_until": N,
            "urgency": N,
            "volunteers_needed": N,
            "is_recurring": N,
            "frequency": N,
            "weekday": N,
            "interval_weeks": N,
            "times_of_day": N,
            "recurrence_start": N,
            "review_on": N,
            "pickup_address": P,
            "destination": N,
            "destination_text": P,
            "distance_km": N,
            "appointment_time": N,
            "return_trip": N,
            "wait_at_destination": N,
            "mobility_aid": S,
            "assigned_to": X,
            "status": N,
            "status_changed_at": N,
            "triage_answers": P,
            "outcome": N,
            "reason": N,
            "outcome_note": P,
            "referred_to": N,
            "referred_at": N,
            "referral_note": P,
            "created_at": N,
            "created_by": X,
        },
        "De hulpvraag afhandelen: uitvragen, een vrijwilliger zoeken, terugbellen",
        TASK,
        RESIDENT_RETENTION,
        resident="resident",
        data_subjects=("inwoners",),
    ),
    "hulpvragen.StatusChange": Entry(
        LOGBOOK | {"id": N, "help_request": X, "from_status": N, "reason": N},
        "Het logboek van een hulpvraag (en de cijfers van het jaaroverzicht)",
        TASK,
        RESIDENT_RETENTION,
        resident="help_request__resident",
        data_subjects=("inwoners",),
    ),
    # --- vrijwilligers ---------------------------------------------------------------
    "vrijwilligers.Volunteer": Entry(
        {
            "id": N,
            "village": N,
            "user": X,
            "calendar_token": X,
            "first_name": P,
            "last_name": P,
            "email": P,
            "phone": P,
            "contact_channel": P,
            "wants_week_letter": P,
            "street": P,
            "house_number": P,
            "postcode": P,
            "place": P,
            "birth_year": P,
            "categories": N,
            "refused_categories": P,
            "max_km": P,
            "has_car": P,
            "car_fits_wheelchair": N,
            "car_fits_rollator": N,
            "boundaries": P,
            "monthly_cap": P,
            "status": N,
            "paused_until": N,
            "pause_note": P,
            "stopped_on": N,
            "stop_reason": N,
            "stop_note": P,
            "vog_date": P,
            "registered_on": N,
            "last_confirmed_on": N,
            "last_asked_on": N,
            "signup_message": P,
            "coordinator_notes": P,
            "created_at": N,
            "updated_at": N,
        },
        "Vrijwilligers vragen en inzetten binnen hun grenzen",
        VOLUNTEER_AGREEMENT,
        VOLUNTEER_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    "vrijwilligers.AvailabilitySlot": Entry(
        {"id": N, "volunteer": X, "weekday": N, "daypart": N},
        "Wanneer een vrijwilliger kan",
        VOLUNTEER_AGREEMENT,
        VOLUNTEER_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    "vrijwilligers.Absence": Entry(
        {
            "id": N,
            "village": N,
            "volunteer": X,
            "starts_on": N,
            "ends_on": N,
            "note": P,
            "created_at": N,
        },
        "Afwezigheid van een vrijwilliger",
        VOLUNTEER_AGREEMENT,
        VOLUNTEER_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    "vrijwilligers.VolunteerVillage": Entry(
        {
            "id": N,
            "village": N,
            "volunteer": X,
            "helps_in": N,
            "categories": N,
            "max_km": P,
            "weekdays": P,
            "note": P,
            "agreed_by": X,
            "agreed_on": N,
            "ended_on": N,
            "created_at": N,
        },
        "Een vrijwilliger die ook een buurdorp helpt, met de grenzen die daar gelden",
        VOLUNTEER_AGREEMENT,
        VOLUNTEER_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    "vrijwilligers.VolunteerChange": Entry(
        LOGBOOK | {"id": N, "volunteer": X, "changes": P, "by_volunteer": N},
        "Het logboek van wijzigingen aan een vrijwilliger",
        VOLUNTEER_AGREEMENT,
        VOLUNTEER_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    "vrijwilligers.ConfirmationRound": Entry(
        {"id": N, "village": N, "year": N, "started_on": N, "respond_within_weeks": N},
        "De jaarlijkse controle van gegevens van vrijwilligers",
        CONFIG,
    ),
    "vrijwilligers.ConfirmationRequest": Entry(
        {
            "id": N,
            "village": N,
            "round": N,
            "volunteer": X,
            "method": N,
            "created_on": N,
            "sent_at": N,
            "responded_on": N,
            "response_note": P,
            "flagged_on": N,
        },
        "De jaarlijkse controle van gegevens van vrijwilligers",
        VOLUNTEER_AGREEMENT,
        VOLUNTEER_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    # --- koppelingen -----------------------------------------------------------------
    "koppelingen.Invitation": Entry(
        {
            "id": N,
            "village": N,
            "help_request": X,
            "volunteer": X,
            "status": N,
            "channel": N,
            "note_for_volunteer": P,
            "asked_by": X,
            "asked_at": N,
            "answered_at": N,
            "remark": P,
            "sms_code": N,
        },
        "Een vrijwilliger vragen voor een hulpvraag",
        TASK,
        RESIDENT_RETENTION,
        resident="help_request__resident",
        data_subjects=("inwoners", "vrijwilligers"),
    ),
    "koppelingen.Assignment": Entry(
        {
            "id": N,
            "village": N,
            "help_request": X,
            "volunteer": X,
            "resident": X,
            "task_date": N,
            "invitation": X,
            "status": N,
            "accepted_at": N,
            "is_mismatch": N,
            "mismatch_note": P,
            "do_not_pair_again": P,
        },
        "Een koppeling: deze vrijwilliger doet deze hulpvraag",
        TASK,
        RESIDENT_RETENTION,
        resident="resident",
        data_subjects=("inwoners", "vrijwilligers"),
    ),
    "koppelingen.TaskReport": Entry(
        {
            "id": N,
            "assignment": X,
            "outcome": N,
            "not_happened_reason": P,
            "minutes_spent": N,
            "km_driven": N,
            "how_it_went": N,
            "remark": P,
            "reported_at": N,
            "reported_by": X,
        },
        "Terugmelding van de vrijwilliger na de taak",
        TASK,
        RESIDENT_RETENTION,
        resident="assignment__resident",
        data_subjects=("inwoners", "vrijwilligers"),
    ),
    "koppelingen.Signal": Entry(
        {
            "id": N,
            "village": N,
            "resident": X,
            "help_request": X,
            "reported_by_volunteer": X,
            "description": S,
            "created_at": N,
            "status": N,
            "passed_to": N,
            "resident_consent": N,
            "passed_on_at": N,
            "passed_on_by": X,
            "passed_on_note": S,
            "consent_exception_note": S,
        },
        "Een zorg over een inwoner doorgeven aan een organisatie",
        CONSENT + "; bij acuut gevaar: vitaal belang (art. 6 lid 1 d)",
        SIGNAL_RETENTION,
        resident="resident",
        data_subjects=("inwoners",),
    ),
    "koppelingen.LogEntry": Entry(
        LOGBOOK | {"id": N, "help_request": X, "resident": X, "volunteer": X},
        "Het koppelingslogboek",
        TASK,
        RESIDENT_RETENTION,
        resident="selector:matching_log",
        data_subjects=("inwoners", "vrijwilligers"),
    ),
    "koppelingen.Occurrence": Entry(
        {
            "id": N,
            "village": N,
            "help_request": X,
            "starts_at": N,
            "volunteer": X,
            "status": N,
        },
        "De keren van een terugkerende hulpvraag",
        TASK,
        RESIDENT_RETENTION,
        resident="help_request__resident",
        data_subjects=("inwoners", "vrijwilligers"),
    ),
    # --- sociale_kaart ---------------------------------------------------------------
    "sociale_kaart.Theme": Entry(
        {"id": N, "code": N, "name": N, "order": N, "is_active": N},
        "Thema's van de sociale kaart",
        CONFIG,
    ),
    "sociale_kaart.Organisation": Entry(
        {
            "id": N,
            "name": N,
            "kind": N,
            "themes": N,
            "services": N,
            "street_address": N,
            "postcode": N,
            "town": N,
            "phone": N,
            "email": N,
            "website": N,
            "opening_hours_note": N,
            "how_to_refer": N,
            "villages": N,
            "is_transport_destination": N,
            "is_archived": N,
            "archived_at": N,
            "last_verified_on": N,
            "last_verified_by": X,
            "created_at": N,
            "updated_at": N,
        },
        "De sociale kaart: organisaties waarnaar het loket verwijst",
        CONFIG,
    ),
    "sociale_kaart.OrganisationDistance": Entry(
        {"id": N, "organisation": N, "village": N, "km": N}, "Afstanden", CONFIG
    ),
    "sociale_kaart.OpeningPeriod": Entry(
        {"id": N, "organisation": N, "weekday": N, "opens_at": N, "closes_at": N},
        "Openingstijden",
        CONFIG,
    ),
    "sociale_kaart.ContactPerson": Entry(
        {
            "id": N,
            "organisation": N,
            "name": P,
            "role": P,
            "phone": P,
            "email": P,
            "is_fixed_contact": N,
            "note": P,
            "created_at": N,
        },
        "Vaste contactpersonen bij organisaties",
        TASK,
        "Zolang de persoon contactpersoon is",
        data_subjects=("contactpersonen van organisaties",),
    ),
    "sociale_kaart.EntryCheck": Entry(
        {
            "id": N,
            "organisation": N,
            "village": N,
            "contact": X,
            "email": P,
            "asked_at": N,
            "asked_by": X,
            "answered_at": N,
            "answer": N,
            "answered_by_name": P,
        },
        "De jaarlijkse vraag aan een organisatie of haar vermelding nog klopt",
        TASK,
        "Zolang de organisatie op de sociale kaart staat",
        data_subjects=("contactpersonen van organisaties",),
    ),
    "sociale_kaart.EntryProposal": Entry(
        {
            "id": N,
            "check_round": N,
            "organisation": N,
            "changes": N,
            "remark": P,
            "proposed_by_name": P,
            "proposed_at": N,
            "status": N,
            "reviewed_at": N,
            "reviewed_by": X,
        },
        "Correcties die een organisatie op haar eigen vermelding voorstelt",
        TASK,
        "Zolang de organisatie op de sociale kaart staat",
        data_subjects=("contactpersonen van organisaties",),
    ),
    "sociale_kaart.SearchDocument": Entry(
        {"organisation": N, "text": P},
        "Zoektekst van de sociale kaart, afgeleid van de organisatie, haar thema's en "
        "contactpersonen (voor het zoekvak)",
        TASK,
        "Zolang de organisatie en haar contactpersonen op de kaart staan; wordt bij elke "
        "wijziging opnieuw opgebouwd",
        data_subjects=("contactpersonen van organisaties",),
    ),
    "sociale_kaart.OrganisationLogEntry": Entry(
        LOGBOOK | {"id": N, "organisation": N},
        "Het logboek van de sociale kaart",
        TASK,
    ),
    # --- meldingen -------------------------------------------------------------------
    "meldingen.Notification": Entry(
        {
            "id": N,
            "village": N,
            "channel": N,
            "recipient": P,
            "recipient_name": P,
            "template": N,
            "context": X,
            "due_at": N,
            "status": N,
            "attempts": N,
            "last_error": P,
            "idempotency_key": X,
            "claimed_at": N,
            "claim_id": N,
            "sent_at": N,
            "delivered_at": N,
            "created_at": N,
        },
        "Berichten aan vrijwilligers en coördinatoren (de uitgaande post)",
        TASK,
        RESIDENT_RETENTION,
        resident="selector:notifications",
        data_subjects=("vrijwilligers", "medewerkers"),
    ),
    "meldingen.InboundSMS": Entry(
        {
            "id": N,
            "message_id": X,
            "sender": P,
            "text": P,
            "received_at": N,
            "village": N,
            "outcome": N,
            "about": X,
        },
        "Sms'jes van vrijwilligers aan het loket (antwoorden op een uitnodiging)",
        VOLUNTEER_AGREEMENT,
        INBOUND_SMS_RETENTION,
        data_subjects=("vrijwilligers",),
    ),
    "meldingen.Todo": Entry(
        {
            "id": N,
            "village": N,
            "kind": N,
            "title": P,
            "detail": P,
            "link": X,
            "about": X,
            "due_on": N,
            "idempotency_key": X,
            "created_at": N,
            "done_at": N,
            "done_by": X,
            "done_note": P,
        },
        "De takenlijst van de coördinatoren",
        TASK,
        RESIDENT_RETENTION,
        resident="selector:todos",
        data_subjects=("inwoners", "vrijwilligers"),
    ),
    "meldingen.VillageSettings": Entry(
        {
            "id": N,
            "village": N,
            "reminder_hour": N,
            "same_day_reminder_hour": N,
            "invitation_unanswered_hours": N,
            "follow_up_days": N,
            "report_reminder_days": N,
            "recurring_weeks_ahead": N,
            "recurring_review_months": N,
        },
        "Instellingen per dorp",
        CONFIG,
    ),
    # --- uitleen ---------------------------------------------------------------------
    "uitleen.AidType": Entry(
        {"id": N, "code": N, "name": N, "default_loan_weeks": N, "order": N, "is_active": N},
        "Soorten hulpmiddelen",
        CONFIG,
    ),
    "uitleen.AidItem": Entry(
        {
            "id": N,
            "village": N,
            "aid_type": N,
            "label": N,
            "condition": N,
            "status": N,
            "notes": N,
            "created_at": N,
        },
        "De hulpmiddelen van het loket",
        CONFIG,
    ),
    "uitleen.Loan": Entry(
        {
            "id": N,
            "village": N,
            "item": N,
            "resident": X,
            "lent_on": N,
            "due_on": N,
            "returned_on": N,
            "notes": P,
            "lent_by": X,
            "returned_by": X,
            "created_at": N,
        },
        "Uitlenen van hulpmiddelen aan inwoners",
        TASK,
        RESIDENT_RETENTION,
        resident="resident",
        data_subjects=("inwoners",),
    ),
    "uitleen.Handout": Entry(
        {
            "id": N,
            "village": N,
            "name": N,
            "always_available": N,
            "note": N,
            "is_active": N,
            "order": N,
        },
        "Wat het loket uitdeelt",
        CONFIG,
    ),
    "uitleen.HandoutCount": Entry(
        {
            "id": N,
            "village": N,
            "handout": N,
            "handed_out_on": N,
            "quantity": N,
            "note": P,
            "recorded_by": X,
            "recorded_at": N,
        },
        "Tellingen van wat is uitgedeeld (zonder namen)",
        TASK,
    ),
    "uitleen.LogEntry": Entry(
        LOGBOOK | {"id": N, "item": N, "loan": X, "handout": N},
        "Het logboek van de uitleen",
        TASK,
        RESIDENT_RETENTION,
        resident="loan__resident",
        data_subjects=("inwoners",),
    ),
    # --- activiteiten ----------------------------------------------------------------
    "activiteiten.ActivityKind": Entry(
        {"id": N, "code": N, "name": N, "order": N, "is_active": N},
        "Soorten activiteiten",
        CONFIG,
    ),
    "activiteiten.Activity": Entry(
        {
            "id": N,
            "village": N,
            "kind": N,
            "title": N,
            "starts_on": N,
            "ends_on": N,
            "description": N,
            "volunteers": X,
            "from_signal": N,
            "signal_note": P,
            "created_at": N,
            "created_by": X,
        },
        "Activiteiten in het dorp en wie meedeed",
        TASK,
        data_subjects=("vrijwilligers",),
    ),
    "activiteiten.ActivityLogEntry": Entry(
        LOGBOOK | {"id": N, "activity": N},
        "Het logboek van activiteiten",
        TASK,
    ),
    # --- importeren ------------------------------------------------------------------
    "importeren.ImportRun": Entry(
        {
            "id": N,
            "village": N,
            "kind": N,
            "file_name": P,
            "sha256": N,
            "row_count": N,
            "counts": N,
            "imported_by": X,
            "imported_at": N,
        },
        "Verantwoording van ingelezen bestanden",
        TASK,
    ),
    "importeren.ImportUpload": Entry(
        {
            "id": N,
            "village": N,
            "kind": N,
            "file": P,
            "file_name": P,
            "size": N,
            "sha256": N,
            "uploaded_by": X,
            "status": N,
            "rows_total": N,
            "rows_done": N,
            "result": P,
            "run": N,
            "claimed_at": N,
            "created_at": N,
            "finished_at": N,
        },
        "Een ingelezen bestand terwijl het wordt gecontroleerd en ingelezen (het bestand en de "
        "uitslag per rij kunnen namen van vrijwilligers bevatten)",
        TASK,
        "Tot het inlezen klaar is, hooguit een dag; dan verwijderd",
    ),
    # --- rapportage ------------------------------------------------------------------
    "rapportage.YearText": Entry(
        {
            "id": N,
            "village": N,
            "year": N,
            "foreword": P,
            "thanks": P,
            "updated_at": N,
            "updated_by": X,
        },
        "Het voorwoord en het dankwoord van het loket bij het jaaroverzicht (kan namen noemen)",
        TASK,
    ),
    "rapportage.SocialValueRate": Entry(
        {
            "id": N,
            "village": N,
            "hourly_rate": N,
            "km_rate": N,
            "source": N,
            "updated_at": N,
            "updated_by": X,
        },
        "De referentietarieven (met bron) voor de schatting van de maatschappelijke waarde",
        CONFIG,
    ),
    # --- dorpsloket ------------------------------------------------------------------
    "dorpsloket.Heartbeat": Entry(
        {"id": N, "name": N, "at": N},
        "Bewaking: het laatste teken van leven van de achtergrondverwerking",
        CONFIG,
    ),
    # --- privacy ---------------------------------------------------------------------
    "privacy.RetentionSettings": Entry(
        {
            "id": N,
            "village": N,
            "resident_months": N,
            "volunteer_months": N,
            "signal_months": N,
        },
        "Bewaartermijnen per dorp",
        CONFIG,
    ),
    "privacy.Erasure": Entry(
        {
            "id": N,
            "village": N,
            "kind": N,
            "object_id": X,
            "reason": N,
            "at": N,
            "by": X,
        },
        "Verantwoording: wanneer en door wie gegevens zijn gewist (zonder naam)",
        LEGAL_DUTY,
        "Blijvend (bevat geen naam)",
        resident="selector:erasures",
    ),
}


def classes_of(label: str) -> dict[str, str]:
    return REGISTER[label].fields


def fields_of_class(label: str, *classes: str) -> list[str]:
    return [name for name, kind in REGISTER[label].fields.items() if kind in classes]


def about_residents() -> dict[str, Entry]:
    """The models with rows about a resident, in the register's order."""
    return {label: entry for label, entry in REGISTER.items() if entry.resident}
