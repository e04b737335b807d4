"""Permission rows for the social map: coordinators of a village served by the entry only.

Volunteers and readers get 404 everywhere (contact persons are private); a coordinator of
another village gets 404 for organisations that do not serve their village.
"""

from tests.permission_rows import NOT_ALLOWED, OK, REDIRECT, Row, only

from .factories import ContactPersonFactory, OrganisationFactory


def _organisation(world):
    return {"pk": OrganisationFactory(villages=[world.village]).pk}


def _contact(world):
    contact = ContactPersonFactory(organisation=OrganisationFactory(villages=[world.village]))
    return {"pk": contact.organisation_id, "contact_pk": contact.pk}


def _shared_organisation(world):
    return {"pk": OrganisationFactory(villages=[world.village, world.other_village]).pk}


COORDINATORS = {"coordinator": OK, "other_coordinator": OK}
OWN_COORDINATOR = {"coordinator": OK}

ROWS = [
    Row("sociale_kaart:list", only(COORDINATORS)),
    Row("sociale_kaart:print_overview", only(COORDINATORS)),
    Row("sociale_kaart:print_overview_pdf", only(COORDINATORS)),
    Row("sociale_kaart:create", only(COORDINATORS)),
    Row("sociale_kaart:detail", only(OWN_COORDINATOR), kwargs=_organisation),
    Row(
        "sociale_kaart:detail",
        only(COORDINATORS),
        kwargs=_shared_organisation,
        id="sociale_kaart:detail-shared",
    ),
    Row("sociale_kaart:edit", only(OWN_COORDINATOR), kwargs=_organisation),
    Row(
        "sociale_kaart:verify",
        only({"coordinator": REDIRECT}),
        kwargs=_organisation,
        method="post",
    ),
    Row(
        "sociale_kaart:verify",
        # POST only; the method is refused before the organisation is looked up.
        only({"coordinator": NOT_ALLOWED, "other_coordinator": NOT_ALLOWED}),
        kwargs=_organisation,
        id="sociale_kaart:verify-get",
    ),
    # GET asks first; POST with a reason archives.
    Row("sociale_kaart:archive", only(OWN_COORDINATOR), kwargs=_organisation),
    Row(
        "sociale_kaart:archive",
        only({"coordinator": REDIRECT}),
        kwargs=_organisation,
        method="post",
        data={"reason": "stopped"},
        id="sociale_kaart:archive-post",
    ),
    Row(
        "sociale_kaart:restore",
        only({"coordinator": REDIRECT}),
        kwargs=_organisation,
        method="post",
    ),
    Row("sociale_kaart:contact_create", only(OWN_COORDINATOR), kwargs=_organisation),
    Row("sociale_kaart:contact_edit", only(OWN_COORDINATOR), kwargs=_contact),
    Row(
        "sociale_kaart:contact_delete",
        only({"coordinator": REDIRECT}),
        kwargs=_contact,
        method="post",
    ),
]
