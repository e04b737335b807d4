""" "Klopt dit nog?": the yearly e-mail, the public page behind its link, the proposal and the
coordinator's review, and the stale list."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meldingen.models import Notification
from sociale_kaart import services
from sociale_kaart.checks import CHECK_LINK_DAYS, check_token
from sociale_kaart.jobs import ask_organisations
from sociale_kaart.models import EntryCheck, EntryProposal, LogAction, Organisation
from tests.outbox import send_outbox

from .factories import ContactPersonFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
LONG_AGO = date(2025, 3, 1)


@pytest.fixture
def wmo(village):
    organisation = OrganisationFactory(
        name="Wmo-loket Het Hogeland",
        villages=[village],
        phone="0595 12 34 56",
        postcode="9989 AB",
        town="Winsum",
        last_verified_on=LONG_AGO,
    )
    ContactPersonFactory(
        organisation=organisation,
        name="Wim Bakker",
        email="wim@hogeland.example",
        is_fixed_contact=True,
    )
    return organisation


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/sociale-kaart/klopt-dit-nog/\S+/)", message.body).group(1)


def asked(organisation) -> EntryCheck:
    return EntryCheck.objects.get(organisation=organisation)


def test_the_job_asks_each_stale_organisation_once_by_email(wmo, village):
    OrganisationFactory(villages=[village], last_verified_on=TODAY - timedelta(days=30))
    with time_machine.travel(TODAY, tick=False):
        assert ask_organisations(timezone.now()) == 1
        assert ask_organisations(timezone.now()) == 0
        send_outbox()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wim@hogeland.example"]
    assert "Klopt dit nog?" in message.subject or "klopt" in message.subject.lower()
    assert "Wim Bakker" in message.body and "Wmo-loket Het Hogeland" in message.body
    assert link_in(message)
    check = asked(wmo)
    assert check.contact.name == "Wim Bakker" and check.asked_by is None


def test_an_organisation_without_an_email_address_is_not_asked(village):
    OrganisationFactory(villages=[village], last_verified_on=LONG_AGO, email="")
    with time_machine.travel(TODAY, tick=False):
        assert ask_organisations(timezone.now()) == 0
    assert not Notification.objects.exists()


def test_the_link_opens_the_entry_without_login(client, wmo):
    check = services.entry_check_send(organisation=wmo, village=wmo.villages.first())
    page = client.get(reverse("sociale_kaart:check_token", args=[check_token(check)]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Wmo-loket Het Hogeland" in body and 'value="0595 12 34 56"' in body
    # never the contact persons' details
    assert "wim@hogeland.example" not in body


def test_still_right_counts_as_verified_and_closes_the_round(client, wmo, village):
    check = services.entry_check_send(organisation=wmo, village=village)
    url = reverse("sociale_kaart:check_token", args=[check_token(check)])
    response = client.post(url, {"answer": "still_right", "answered_by": "Wim Bakker"})
    assert response.status_code == 302
    wmo.refresh_from_db()
    assert wmo.last_verified_on == timezone.localdate()
    check.refresh_from_db()
    assert check.answer == "still_right" and check.answered_by_name == "Wim Bakker"
    assert "nog klopt" in client.get(url).content.decode()
    assert wmo.log_entries.filter(kind=LogAction.CHECK_CONFIRMED).count() == 1


def test_still_right_without_a_name_asks_for_the_name_and_changes_nothing(client, wmo, village):
    check = services.entry_check_send(organisation=wmo, village=village)
    url = reverse("sociale_kaart:check_token", args=[check_token(check)])
    page = client.post(url, {"answer": "still_right", "answered_by": " "})
    assert page.status_code == 200
    assert "Dit veld is verplicht" in page.content.decode()
    check.refresh_from_db()
    assert check.answered_at is None


def test_a_correction_becomes_a_proposal_and_leaves_the_entry_alone(client, wmo, village):
    check = services.entry_check_send(organisation=wmo, village=village)
    url = reverse("sociale_kaart:check_token", args=[check_token(check)])
    form = {f: getattr(wmo, f) for f in ("name", "services", "street_address", "town", "email")}
    form |= {
        "answer": "correction",
        "answered_by": "Wim Bakker",
        "postcode": "9951 ab",
        "phone": "0595 99 88 77",
        "website": "hogeland.nl",
        "opening_hours_note": "",
        "how_to_refer": "",
        "remark": "Inloop nu op dinsdag.",
        # not fields of the public form: ignored
        "kind": "commercial",
        "is_archived": "on",
        "is_transport_destination": "on",
    }
    assert client.post(url, form).status_code == 302
    wmo.refresh_from_db()
    assert wmo.phone == "0595 12 34 56" and wmo.kind == "welfare" and not wmo.is_archived
    proposal = EntryProposal.objects.get()
    assert proposal.changes == {
        "postcode": ["9989 AB", "9951 AB"],
        "phone": ["0595 12 34 56", "0595 99 88 77"],
        "website": ["", "https://hogeland.nl"],
    }
    assert proposal.proposed_by_name == "Wim Bakker" and proposal.remark == "Inloop nu op dinsdag."
    # the round is closed: a second post changes nothing
    form["phone"] = "0595 00 00 00"
    client.post(url, form)
    assert EntryProposal.objects.count() == 1
    assert "ontvangen" in client.get(url).content.decode()


def test_a_bad_postcode_is_a_dutch_error_and_keeps_what_was_typed(client, wmo, village):
    check = services.entry_check_send(organisation=wmo, village=village)
    url = reverse("sociale_kaart:check_token", args=[check_token(check)])
    page = client.post(
        url,
        {
            "answer": "correction",
            "answered_by": "Wim",
            "name": wmo.name,
            "postcode": "0123",
            "phone": "0595 99 88 77",
        },
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "Vul een postcode in zoals 9989 AB." in body and 'value="0595 99 88 77"' in body
    assert not EntryProposal.objects.exists()


def test_a_forged_link_gets_a_friendly_page(client):
    page = client.get(reverse("sociale_kaart:check_token", args=["vervalst:token"]))
    assert page.status_code == 404
    assert "Deze link werkt niet meer" in page.content.decode()


def test_an_expired_link_gets_a_friendly_page(client, wmo, village):
    with time_machine.travel(TODAY, tick=False):
        check = services.entry_check_send(organisation=wmo, village=village)
        token = check_token(check)
    with time_machine.travel(TODAY + timedelta(days=CHECK_LINK_DAYS + 1)):
        page = client.get(reverse("sociale_kaart:check_token", args=[token]))
        assert page.status_code == 404
        assert "Deze link werkt niet meer" in page.content.decode()
        page = client.post(
            reverse("sociale_kaart:check_token", args=[token]),
            {"answer": "still_right", "answered_by": "Wim"},
        )
        assert page.status_code == 404
    check.refresh_from_db()
    assert check.answered_at is None


@pytest.fixture
def proposal(wmo, village):
    check = services.entry_check_send(organisation=wmo, village=village)
    return services.entry_check_propose(
        check=check, name="Wim Bakker", values={"phone": "0595 99 88 77"}, remark=""
    )


def test_the_coordinator_accepts_and_the_entry_changes(client, coordinator, proposal, wmo):
    client.force_login(coordinator)
    url = reverse("sociale_kaart:proposal_review", args=[proposal.pk])
    page = client.get(url)
    assert "0595 99 88 77" in page.content.decode()
    assert client.post(url, {"decision": "accept"}).status_code == 302
    wmo.refresh_from_db()
    assert wmo.phone == "0595 99 88 77"
    assert wmo.last_verified_on == timezone.localdate() and wmo.last_verified_by == coordinator
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.reviewed_by == coordinator
    kinds = set(wmo.log_entries.values_list("kind", flat=True))
    assert {LogAction.UPDATED, LogAction.PROPOSAL_ACCEPTED} <= kinds


def test_the_coordinator_rejects_and_the_entry_stays(client, coordinator, proposal, wmo):
    client.force_login(coordinator)
    url = reverse("sociale_kaart:proposal_review", args=[proposal.pk])
    client.post(url, {"decision": "reject"})
    wmo.refresh_from_db()
    assert wmo.phone == "0595 12 34 56"
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    # a second decision changes nothing
    client.post(url, {"decision": "accept"})
    wmo.refresh_from_db()
    assert wmo.phone == "0595 12 34 56"


def test_a_proposal_that_no_longer_validates_is_refused_with_the_reason(
    client, coordinator, wmo, village
):
    check = services.entry_check_send(organisation=wmo, village=village)
    proposal = services.entry_check_propose(check=check, name="Wim", values={"name": ""}, remark="")
    client.force_login(coordinator)
    page = client.post(
        reverse("sociale_kaart:proposal_review", args=[proposal.pk]),
        {"decision": "accept"},
        follow=True,
    )
    assert page.status_code == 200
    assert "kan niet zo worden overgenomen" in page.content.decode()
    wmo.refresh_from_db()
    assert wmo.name == "Wmo-loket Het Hogeland"
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_the_stale_list_shows_who_was_asked_when_and_who_answered(
    client, coordinator, village, django_assert_max_num_queries
):
    for n in range(6):
        org = OrganisationFactory(
            name=f"Organisatie {n}", villages=[village], last_verified_on=LONG_AGO
        )
        ContactPersonFactory(organisation=org, name=f"Contact {n}", email=f"c{n}@example.nl")
        services.entry_check_send(organisation=org, village=village)
    answered = EntryCheck.objects.filter(organisation__name="Organisatie 0").get()
    services.entry_check_propose(
        check=answered, name="Jantje Contact", values={}, remark="Nieuw adres"
    )
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("sociale_kaart:freshness"))
    body = page.content.decode()
    assert body.count("c3@example.nl") == 1 and "Contact 3" in body
    assert "Jantje Contact" in body and "nog geen antwoord" in body
    assert Organisation.objects.count() == 6


def test_the_coordinator_can_ask_an_organisation_now(client, coordinator, wmo):
    client.force_login(coordinator)
    response = client.post(reverse("sociale_kaart:check_send", args=[wmo.pk]))
    assert response.status_code == 302
    assert asked(wmo).asked_by == coordinator
    assert Notification.objects.filter(template="entry_check").count() == 1


def test_an_entry_confirmed_through_the_link_stays_on_the_list_with_its_answer(
    client, coordinator, wmo, village
):
    check = services.entry_check_send(organisation=wmo, village=village)
    services.entry_check_confirm(check=check, name="Wim Bakker")
    OrganisationFactory(name="Dorpshuis", villages=[village], last_verified_on=timezone.localdate())
    client.force_login(coordinator)
    body = client.get(reverse("sociale_kaart:freshness")).content.decode()
    assert "Wim Bakker: klopt nog" in body
    assert "Dorpshuis" not in body  # checked lately and not asked: nothing to show


def test_the_entry_and_the_list_point_to_a_waiting_correction(client, coordinator, proposal, wmo):
    client.force_login(coordinator)
    detail = client.get(reverse("sociale_kaart:detail", args=[wmo.pk])).content.decode()
    assert "Er wacht een correctie op uw beoordeling" in detail
    assert "wim@hogeland.example" in detail  # asked at: the coordinator may see contacts
    listing = client.get(reverse("sociale_kaart:list")).content.decode()
    assert "1 organisatie stuurde een correctie van haar vermelding." in listing
