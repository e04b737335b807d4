"""Permission rows for the social map: coordinators of a village served by the entry only.

Volunteers and readers get 404 everywhere (contact persons are private); a coordinator of
another village gets 404 for organisations that do not serve their village.
"""

from tests.permission_rows import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, ROLES, Row, only

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


def _stale_organisation(world):
    organisation = OrganisationFactory(villages=[world.village], last_verified_on=None)
    ContactPersonFactory(organisation=organisation, email="contact@example.nl")
    return organisation


def _check_token(world):
    from sociale_kaart.checks import check_token
    from sociale_kaart.services import entry_check_send

    organisation = _stale_organisation(world)
    return {
        "token": check_token(entry_check_send(organisation=organisation, village=world.village))
    }


def _proposal(world):
    from sociale_kaart.services import entry_check_propose, entry_check_send

    organisation = _stale_organisation(world)
    check = entry_check_send(organisation=organisation, village=world.village)
    proposal = entry_check_propose(check=check, name="Wim", values={"phone": "0595 99 88 77"})
    return {"pk": proposal.pk}


ROWS += [
    Row("sociale_kaart:freshness", only(COORDINATORS)),
    Row(
        "sociale_kaart:check_send",
        only({"coordinator": REDIRECT}),
        kwargs=lambda w: {"pk": _stale_organisation(w).pk},
        method="post",
    ),
    # The link in the e-mail: anyone who holds it, logged in or not; a forged one is a
    # friendly 404 for everyone.
    Row("sociale_kaart:check_token", dict.fromkeys(ROLES, OK), kwargs=_check_token),
    Row(
        "sociale_kaart:check_token",
        dict.fromkeys(ROLES, NOT_FOUND),
        kwargs=lambda w: {"token": "vervalst:token"},
        id="sociale_kaart:check_token-forged",
    ),
    Row("sociale_kaart:proposal_review", only(OWN_COORDINATOR), kwargs=_proposal),
    Row(
        "sociale_kaart:proposal_review",
        only({"coordinator": REDIRECT}),
        kwargs=_proposal,
        method="post",
        data={"decision": "reject"},
        id="sociale_kaart:proposal_review-post",
    ),
]
