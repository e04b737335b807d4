"""The one shape of the six logbooks and the one way a line is written (accounts.logbook)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from accounts.logbook import LogbookEntry, log_entry, write_log
from activiteiten.models import ActivityLogEntry
from hulpvragen.models import StatusChange
from koppelingen.models import LogEntry
from sociale_kaart.models import LogAction, OrganisationLogEntry
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory
from tests.sociale_kaart.factories import OrganisationFactory
from tests.uitleen.factories import LoanFactory
from tests.vrijwilligers.factories import VolunteerFactory
from uitleen.models import LogAction as LendingAction
from uitleen.models import LogEntry as LendingLogEntry
from vrijwilligers.models import VolunteerChange

pytestmark = pytest.mark.django_db

LOGBOOKS = [LogEntry, StatusChange, VolunteerChange, OrganisationLogEntry, LendingLogEntry,
            ActivityLogEntry]  # fmt: skip


@pytest.mark.parametrize("model", LOGBOOKS, ids=lambda m: m._meta.label)
def test_every_logbook_has_the_shared_fields_and_says_what_it_is_about(model):
    assert issubclass(model, LogbookEntry)
    names = {field.name for field in model._meta.get_fields()}
    assert {"village", "by", "at", "kind", "text"} <= names
    assert model.about_fields and set(model.about_fields) <= names
    assert model._meta.get_field("kind").choices  # each logbook has its own kinds


def test_a_line_takes_the_village_of_what_it_is_about(other_village):
    volunteer = VolunteerFactory(village=other_village, last_name="van 't Hof")
    entry = write_log(LogEntry, volunteer=volunteer, kind=LogEntry.Kind.INVITED)
    assert entry.village_id == other_village.pk and entry.pk is not None


def test_the_most_specific_record_gives_the_village(village):
    loan = LoanFactory(item__village=village)
    entry = write_log(LendingLogEntry, loan=loan, item=loan.item, kind=LendingAction.LENT)
    assert entry.village_id == village.pk


def test_a_signed_in_user_is_kept_and_someone_on_a_link_is_not(village, coordinator):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    by_desk = write_log(LogEntry, help_request=request, kind=LogEntry.Kind.ACCEPTED, by=coordinator)
    on_link = write_log(
        LogEntry, help_request=request, kind=LogEntry.Kind.ACCEPTED, by=AnonymousUser()
    )
    assert by_desk.by == coordinator and on_link.by is None


def test_a_kind_outside_the_logbooks_choices_is_refused_and_nothing_is_written(village):
    volunteer = VolunteerFactory(village=village)
    with pytest.raises(ValidationError) as refused:
        write_log(VolunteerChange, volunteer=volunteer, kind="invited")
    assert "kind" in refused.value.message_dict
    assert not VolunteerChange.objects.exists()


def test_a_shared_organisation_keeps_the_editors_village_or_none(village):
    organisation = OrganisationFactory(name="Welzijn Het Hogeland", villages=[village])
    ours = write_log(
        OrganisationLogEntry, organisation=organisation, village=village, kind=LogAction.VERIFIED
    )
    beheer = write_log(OrganisationLogEntry, organisation=organisation, kind=LogAction.UPDATED)
    assert ours.village == village and beheer.village is None


def test_a_long_text_is_kept_whole(village):
    volunteer = VolunteerFactory(village=village)
    text = "Rijdt niet meer in het donker, " * 40  # 1,240 characters
    entry = write_log(VolunteerChange, volunteer=volunteer, kind="paused", text=text)
    entry.refresh_from_db()
    assert entry.text == text


@time_machine.travel(datetime(2025, 3, 4, 9, 30, tzinfo=UTC), tick=False)
def test_an_unsaved_line_for_bulk_writing_is_dated_now_unless_told(village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    now = log_entry(StatusChange, help_request=request, kind="new")
    then = log_entry(
        StatusChange, help_request=request, kind="new", at=datetime(2024, 5, 1, tzinfo=UTC)
    )
    assert now.pk is None and now.at == datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    assert then.at == datetime(2024, 5, 1, tzinfo=UTC) and then.village_id == village.pk
