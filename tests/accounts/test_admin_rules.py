"""The admin keeps the rules: no health or money notes, logbooks and histories to read only
and never deleted there, every change a beheerder makes written to the admin log."""

from datetime import date

import pytest
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminAction
from django.urls import reverse

from hulpvragen.lifecycle import Status
from hulpvragen.models import Resident, StatusChange
from hulpvragen.services import help_request_transition
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory
from tests.koppelingen.factories import MatchableVolunteerFactory
from vrijwilligers.models import VolunteerChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(village, coordinator):
    from hulpvragen.models import ConsentRecord
    from hulpvragen.services import consent_record

    resident = ResidentFactory(village=village, last_name="van 't Hof")
    for purpose in (ConsentRecord.Purpose.HEALTH_NOTES, ConsentRecord.Purpose.MONEY_NOTES):
        consent_record(
            resident=resident, purpose=purpose, given_on=date(2025, 3, 4), by=coordinator
        )
    Resident.objects.filter(pk=resident.pk).update(
        health_notes="Suikerziekte, valt vaak", money_notes="Schulden bij de woningcorporatie"
    )
    return resident


def test_the_health_and_money_notes_are_not_in_the_admin(client, beheerder, resident):
    client.force_login(beheerder)
    page = client.get(reverse("admin:hulpvragen_resident_change", args=[resident.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "van &#x27;t Hof" in html or "van 't Hof" in html
    assert "Suikerziekte" not in html and "Schulden" not in html
    assert 'name="health_notes"' not in html and 'name="money_notes"' not in html


def test_saving_a_resident_in_the_admin_keeps_the_notes_and_logs_the_change(
    client, beheerder, resident
):
    client.force_login(beheerder)
    url = reverse("admin:hulpvragen_resident_change", args=[resident.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "street": "Kerkpad",
            "consents-TOTAL_FORMS": "2",
            "consents-INITIAL_FORMS": "2",
            "consents-MIN_NUM_FORMS": "0",
            "consents-MAX_NUM_FORMS": "1000",
        }
    )
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    resident.refresh_from_db()
    assert resident.street == "Kerkpad"
    assert resident.health_notes == "Suikerziekte, valt vaak"
    action = AdminAction.objects.get(object_id=str(resident.pk), action_flag=CHANGE)
    assert action.user == beheerder
    assert "Straat" in action.get_change_message() or "street" in action.change_message


def test_records_with_a_logbook_cannot_be_deleted_in_the_admin(
    client, beheerder, resident, coordinator
):
    request = HelpRequestFactory(village=resident.village, resident=resident)
    help_request_transition(help_request=request, to=Status.TRIAGE, by=coordinator)
    volunteer = MatchableVolunteerFactory(village=resident.village)
    client.force_login(beheerder)
    for name, pk in [
        ("hulpvragen_resident", resident.pk),
        ("hulpvragen_helprequest", request.pk),
        ("vrijwilligers_volunteer", volunteer.pk),
    ]:
        assert (
            client.post(reverse(f"admin:{name}_delete", args=[pk]), {"post": "yes"}).status_code
            == 403
        )
    assert StatusChange.objects.filter(help_request=request).exists()


def test_logbooks_and_histories_are_read_only_in_the_admin(client, beheerder, village):
    volunteer = MatchableVolunteerFactory(village=village)
    VolunteerChange.objects.create(volunteer=volunteer, village=village, kind="edited", text="x")
    change = VolunteerChange.objects.get()
    client.force_login(beheerder)
    url = reverse("admin:vrijwilligers_volunteerchange_change", args=[change.pk])
    assert client.get(url).status_code == 200  # to read
    assert client.post(url, {"text": "anders"}).status_code == 403
    delete = reverse("admin:vrijwilligers_volunteerchange_delete", args=[change.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert VolunteerChange.objects.get().text == "x"
    listing = client.get(reverse("admin:admin_logentry_changelist"))
    assert listing.status_code == 200
