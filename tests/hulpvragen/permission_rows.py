"""Permission rows for help requests and residents: coordinators of the village only.

Volunteers and readers get 404 on residents and requests, and so does a coordinator of
another village (the object belongs to world.village).
"""

from tests.permission_rows import OK, REDIRECT, Row, only

from .factories import HelpRequestFactory, ResidentFactory

OWN = only({"coordinator": OK})
BOTH = only({"coordinator": OK, "other_coordinator": OK})


def a_request(world):
    return {"pk": HelpRequestFactory(resident=ResidentFactory(village=world.village)).pk}


def a_resident(world):
    return {"pk": ResidentFactory(village=world.village).pk}


ROWS = [
    Row("hulpvragen:meeting", BOTH),
    Row("hulpvragen:intake", BOTH),
    Row("hulpvragen:resident_list", BOTH),
    Row("hulpvragen:resident_search", BOTH, data={"resident_query": "Jan"}),
    Row("hulpvragen:resident_duplicates", BOTH, data={"new-phone": "0612345678"}),
    Row("hulpvragen:request_detail", OWN, kwargs=a_request),
    Row("hulpvragen:request_logbook", OWN, kwargs=a_request),
    Row("hulpvragen:request_edit", OWN, kwargs=a_request),
    Row("hulpvragen:request_transition", OWN, kwargs=a_request),
    Row(
        "hulpvragen:request_transition",
        only({"coordinator": REDIRECT}),
        kwargs=a_request,
        method="post",
        data={"to": "triage"},
        id="hulpvragen:request_transition-post",
    ),
    Row("hulpvragen:request_triage", OWN, kwargs=a_request),
    Row("hulpvragen:resident_detail", OWN, kwargs=a_resident),
    Row("hulpvragen:resident_edit", OWN, kwargs=a_resident),
    Row("hulpvragen:resident_consent", OWN, kwargs=a_resident),
    Row(
        "hulpvragen:resident_consent",
        only({"coordinator": REDIRECT}),
        kwargs=a_resident,
        method="post",
        data={"purpose": "health_notes", "given_on": "1-11-2026"},
        id="hulpvragen:resident_consent-post",
    ),
]


def a_consent(world):
    from hulpvragen.models import ConsentRecord

    resident = ResidentFactory(village=world.village)
    consent = ConsentRecord.objects.create(
        village=world.village,
        resident=resident,
        purpose=ConsentRecord.Purpose.HEALTH_NOTES,
        given_on="2026-11-01",
        recorded_by=world.users["coordinator"],
        text_version="health-2026-1",
    )
    return {"pk": resident.pk, "consent_pk": consent.pk}


ROWS += [
    Row("hulpvragen:consent_withdraw", OWN, kwargs=a_consent),
    Row(
        "hulpvragen:consent_withdraw",
        only({"coordinator": REDIRECT}),
        kwargs=a_consent,
        method="post",
        data={"confirmed": "1"},
        id="hulpvragen:consent_withdraw-post",
    ),
    Row("hulpvragen:resident_access_log", OWN, kwargs=a_resident),
    Row("hulpvragen:resident_access_letter", OWN, kwargs=a_resident),
    Row("hulpvragen:resident_access_letter_pdf", OWN, kwargs=a_resident),
    Row("hulpvragen:access_review", BOTH, kwargs=lambda w: {"year": 2026, "month": 11}),
]
