"""Retention: the job anonymises by itself after the period, announces it 30 days before,
skips residents with something open, and does nothing more when run twice."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from hulpvragen.lifecycle import Status
from hulpvragen.models import Resident
from koppelingen.models import Signal
from meldingen import registry
from meldingen.models import Todo
from privacy.jobs import retention
from privacy.models import Erasure, RetentionSettings
from privacy.rules import add_months, retention_state
from tests.hulpvragen.factories import HelpRequestFactory
from tests.vrijwilligers.factories import VolunteerFactory
from vrijwilligers.availability import VolunteerStatus
from vrijwilligers.models import StopReason, Volunteer

from .world import resident_with_everything

AMS = ZoneInfo("Europe/Amsterdam")


def at(*args):
    return datetime(*args, 9, 0, tzinfo=AMS)


@pytest.fixture
def old_resident(village, coordinator):
    """Last contact: the loan came back on 1 June 2024 (lent 12 May, 20 days)."""
    with time_machine.travel(at(2024, 5, 1), tick=False):
        return resident_with_everything(village, coordinator, year=2024, first_name="Hendrik")


def test_months_are_calendar_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 6, 1), 24) == date(2026, 6, 1)
    assert retention_state(date(2024, 6, 1), 24, date(2026, 5, 1)) == "keep"
    assert retention_state(date(2024, 6, 1), 24, date(2026, 5, 2)) == "notice"
    assert retention_state(date(2024, 6, 1), 24, date(2026, 6, 1)) == "due"


def test_announced_30_days_before_then_anonymised_once(village, old_resident):
    with time_machine.travel(at(2026, 5, 10), tick=False):
        assert retention(datetime.now(tz=AMS)) == 1
        assert retention(datetime.now(tz=AMS)) == 0
    notice = Todo.objects.get(kind=Todo.Kind.RETENTION)
    assert notice.title == "Binnen 30 dagen geanonimiseerd: 2"
    assert notice.detail.split("\n") == [
        f"signaal over Hendrik (nummer {Signal.objects.get().pk}): op 12 mei 2026",
        f"inwoner Hendrik (nummer {old_resident.pk}): op 1 juni 2026",
    ]
    assert not Erasure.objects.exists()

    with time_machine.travel(at(2026, 6, 1), tick=False):
        assert retention(datetime.now(tz=AMS)) == 2  # the signal, the resident
        assert retention(datetime.now(tz=AMS)) == 0
    old_resident.refresh_from_db()
    assert old_resident.first_name == "" and old_resident.last_name == "(gewist)"
    erasure = Erasure.objects.get(kind="resident")
    assert (erasure.reason, erasure.by) == ("retention", None)
    # The notice lost its line about the erased resident.
    notice.refresh_from_db()
    assert "Hendrik" not in notice.detail


def test_a_resident_with_an_open_request_is_skipped_with_a_todo(village, old_resident):
    with time_machine.travel(at(2024, 5, 20), tick=False):
        HelpRequestFactory(resident=old_resident, status=Status.SEARCHING)
    with time_machine.travel(at(2026, 7, 1), tick=False):
        assert retention(datetime.now(tz=AMS)) == 2  # the to-do, the old signal
        assert retention(datetime.now(tz=AMS)) == 0
    todo = Todo.objects.get(kind=Todo.Kind.RETENTION)
    assert todo.title == "Hendrik kon niet worden geanonimiseerd: er staat nog iets open"
    assert "1 open hulpvraag" in todo.detail
    assert not Erasure.objects.filter(kind="resident").exists()
    assert Resident.objects.get(pk=old_resident.pk).first_name == "Hendrik"


def test_the_period_is_set_per_village(village, other_village, old_resident):
    RetentionSettings.objects.create(village=village, resident_months=60)
    with time_machine.travel(at(2026, 7, 1), tick=False):
        retention(datetime.now(tz=AMS))
    assert not Erasure.objects.filter(kind="resident").exists()


def test_a_recent_contact_keeps_the_resident(village, coordinator, old_resident):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        HelpRequestFactory(resident=old_resident, status=Status.CLOSED)
    with time_machine.travel(at(2026, 7, 1), tick=False):
        retention(datetime.now(tz=AMS))
    assert not Erasure.objects.filter(kind="resident").exists()
    # Its signal (passed on in May 2024) is anonymised on its own.
    signal = Signal.objects.get(resident=old_resident)
    assert signal.description == "" and signal.passed_on_note == ""
    assert signal.status == Signal.Status.PASSED_ON
    assert Erasure.objects.filter(kind="signal", object_id=signal.pk).exists()


def test_a_stopped_volunteer_is_anonymised_after_the_period(village):
    volunteer = VolunteerFactory(
        village=village, first_name="Jan", last_name="de Vries", registered_on=date(2020, 3, 1),
        status=VolunteerStatus.STOPPED, stopped_on=date(2024, 9, 30),
        stop_reason=StopReason.values[0], stop_note="Verhuisd naar Groningen",
        boundaries="Geen honden",
    )  # fmt: skip
    also_jan = VolunteerFactory(village=village, first_name="Jan", last_name="de Vries")
    with time_machine.travel(at(2026, 9, 15), tick=False):
        assert retention(datetime.now(tz=AMS)) == 1  # the notice
    with time_machine.travel(at(2026, 9, 30), tick=False):
        assert retention(datetime.now(tz=AMS)) == 1
        assert retention(datetime.now(tz=AMS)) == 0
    volunteer.refresh_from_db()
    assert (volunteer.first_name, volunteer.stop_note, volunteer.boundaries) == ("", "", "")
    assert (volunteer.registered_on, volunteer.stopped_on) == (date(2020, 3, 1), date(2024, 9, 30))
    assert Volunteer.objects.get(pk=also_jan.pk).last_name == "de Vries"


def test_the_job_is_registered_and_runs_as_a_command(village, old_resident):
    assert registry.jobs()["retention"] is retention
    with time_machine.travel(at(2026, 6, 2), tick=False):
        call_command("run_job", "retention")
        call_command("run_job", "retention")
    assert Erasure.objects.filter(kind="resident").count() == 1


def test_anonymising_a_volunteer_clears_what_was_agreed_with_a_neighbouring_village(
    village, other_village
):
    from privacy.services import volunteer_anonymise
    from vrijwilligers.models import VolunteerVillage

    volunteer = VolunteerFactory(village=village)
    VolunteerVillage.objects.create(
        village=village, volunteer=volunteer, helps_in=other_village, max_km=20,
        weekdays=[1], note="Alleen naar het ziekenhuis, niet op maandag (dialyse)",
        ended_on=date(2024, 9, 30),
    )  # fmt: skip
    volunteer_anonymise(volunteer=volunteer)
    share = VolunteerVillage.objects.get(volunteer=volunteer)
    assert (share.note, share.max_km, share.weekdays) == ("", None, [])
    assert share.helps_in == other_village


def test_text_messages_are_deleted_90_days_after_they_came_in(village):
    from meldingen.models import InboundSMS

    def sms(message_id, when):
        return InboundSMS.objects.create(
            message_id=message_id, sender="0612345678", text="Ja hoor", village=village,
            received_at=when, outcome="accepted",
        )  # fmt: skip

    old = sms("cm-1", at(2026, 6, 1))
    unknown_sender = InboundSMS.objects.create(
        message_id="cm-2", sender="0687654321", text="wie is dit", received_at=at(2026, 6, 2)
    )
    recent = sms("cm-3", at(2026, 8, 31))
    with time_machine.travel(at(2026, 9, 1), tick=False):
        assert retention(datetime.now(tz=AMS)) == 2
        assert retention(datetime.now(tz=AMS)) == 0
    assert list(InboundSMS.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not InboundSMS.objects.filter(pk__in=[old.pk, unknown_sender.pk]).exists()
