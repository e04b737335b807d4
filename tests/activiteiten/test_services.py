from datetime import date

import pytest
from django.core.exceptions import ValidationError

from activiteiten import services
from activiteiten.models import LogAction

from .factories import ActivityFactory, VolunteerFactory, kind

pytestmark = pytest.mark.django_db


def test_recording_an_activity_keeps_its_volunteers_and_logs_it(village, coordinator):
    volunteers = VolunteerFactory.create_batch(3, village=village)
    activity = services.activity_create(
        village=village,
        kind=kind("fittest"),
        starts_on=date(2025, 5, 10),
        volunteers=volunteers,
        by=coordinator,
    )
    assert set(activity.volunteers.all()) == set(volunteers)
    assert activity.created_by == coordinator
    assert activity.log_entries.get().kind == LogAction.CREATED


def test_volunteers_of_another_village_cannot_take_part(village, other_village):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            village=village,
            kind=kind("fittest"),
            starts_on=date(2025, 5, 10),
            volunteers=[VolunteerFactory(village=other_village)],
        )
    assert "volunteers" in error.value.message_dict


def test_an_end_date_before_the_start_is_refused(village):
    with pytest.raises(ValidationError):
        services.activity_create(
            village=village,
            kind=kind("flyerronde"),
            starts_on=date(2025, 5, 10),
            ends_on=date(2025, 5, 9),
        )


def test_the_signal_note_is_dropped_when_it_did_not_grow_out_of_a_signal(village):
    activity = services.activity_create(
        village=village,
        kind=kind("eenzaamheidspact"),
        starts_on=date(2025, 5, 10),
        from_signal=False,
        signal_note="Eenzaamheid onder ouderen",
    )
    assert activity.signal_note == ""


def test_changing_who_took_part_logs_what_was_added_and_removed(village, coordinator):
    stays, leaves, joins = VolunteerFactory.create_batch(3, village=village)
    activity = ActivityFactory(village=village, volunteers=[stays, leaves])

    services.activity_update(
        activity=activity, volunteers=[stays, joins], title="Collecte bij de Spar", by=coordinator
    )

    assert set(activity.volunteers.all()) == {stays, joins}
    actions = list(activity.log_entries.values_list("kind", "text"))
    assert (LogAction.VOLUNTEERS_CHANGED, "1 toegevoegd, 1 verwijderd") in actions
    assert any(action == LogAction.CHANGED for action, _summary in actions)


def test_an_update_without_changes_writes_no_history(village):
    volunteer = VolunteerFactory(village=village)
    activity = ActivityFactory(village=village, volunteers=[volunteer])
    services.activity_update(activity=activity, volunteers=[volunteer], kind=activity.kind)
    assert not activity.log_entries.exists()
