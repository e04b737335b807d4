import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.html import escape

from koppelingen import jobs as matching_jobs
from koppelingen import services as matching
from koppelingen.models import Assignment
from meldingen import jobs, services
from meldingen.models import Notification, Todo
from meldingen.sms import LocmemSMSBackend

pytestmark = pytest.mark.django_db


def accepted(ride, volunteer):
    (invitation,) = matching.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    matching.invitation_accept(invitation=invitation)
    return Assignment.objects.get(invitation=invitation)


def schedule(village, key="k", due=None, **overrides):
    values = {
        "key": key,
        "village": village,
        "channel": Notification.Channel.EMAIL,
        "recipient": "jan@example.org",
        "template": "escalation",
        "context": {},
        "due_at": due or timezone.now(),
    }
    values.update(overrides)
    return services.notification_schedule(**values)[0]


def test_scheduling_twice_with_one_key_gives_one_row(village):
    first = schedule(village)
    second = schedule(village)
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_only_due_rows_are_claimed_and_each_only_once(village):
    now = timezone.now()
    due = schedule(village, "due", due=now)
    schedule(village, "later", due=now + timedelta(hours=1))
    assert services.claim_due(now=now) == [due.pk]
    assert services.claim_due(now=now) == []


def test_a_claim_left_behind_by_a_dead_worker_is_claimed_again(village):
    now = timezone.now()
    row = schedule(village, due=now)
    services.claim_due(now=now)  # the worker dies before sending
    assert services.claim_due(now=now + timedelta(minutes=5)) == []
    assert services.claim_due(now=now + timedelta(minutes=11)) == [row.pk]


def test_reminder_is_sent_once_even_when_delivered_twice(ride, make_volunteer):
    assignment = accepted(ride, make_volunteer(first_name="Jan"))
    mail.outbox.clear()
    evening = timezone.localtime(timezone.now()).replace(hour=12)
    matching_jobs.reminders(evening)
    row = Notification.objects.get(template="reminder")
    assert row.context == {"assignment": assignment.pk, "task_date": str(ride.needed_on)}
    with time_machine.travel(row.due_at + timedelta(minutes=1)):
        jobs.outbox(timezone.now())  # the invitation and the reminder
        assert services.deliver(row.pk) == "sent"
        assert jobs.outbox(timezone.now()) == 0
    reminders = [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    assert len(reminders) == 1
    message = reminders[0]
    assert message.subject.startswith("Herinnering: Vervoer op")
    assert "Beste Jan" in message.body
    assert message.alternatives and "<html" in message.alternatives[0][0]


def test_every_job_run_twice_adds_nothing_the_second_time(ride, make_volunteer):
    accepted(ride, make_volunteer())
    now = timezone.now() + timedelta(days=10)
    first = {name: jobs.run(name, now=now) for name in jobs.all_jobs()}
    second = {name: jobs.run(name, now=now) for name in jobs.all_jobs()}
    assert any(first.values())
    assert not any(second.values()), second


def test_a_message_about_something_gone_is_cancelled(village):
    row = schedule(village, template="escalation", context={"help_request": 0})
    # a message about something that is gone is cancelled, not retried
    assert services.deliver(row.pk, now=timezone.now()) == "cancelled"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server away")


def test_smtp_trouble_is_retried_and_after_five_attempts_shows_as_a_todo(
    ride, make_volunteer, settings
):
    assignment = accepted(ride, make_volunteer())
    settings.EMAIL_BACKEND = "tests.meldingen.test_outbox.FailingBackend"
    row = schedule(
        ride.village,
        "reminder-test",
        template="reminder",
        context={"assignment": assignment.pk, "task_date": str(ride.needed_on)},
    )
    moment = timezone.now()
    for attempt in range(1, 6):
        status = services.deliver(row.pk, now=moment)
        row.refresh_from_db()
        assert row.attempts == attempt
        moment = row.due_at + timedelta(seconds=1)
    assert status == "failed"
    todo = Todo.objects.get(kind=Todo.Kind.FAILED_NOTIFICATION)
    assert "mail server away" in todo.detail
    assert todo.title.startswith("Bericht kon niet worden verstuurd")


def test_volunteers_without_email_get_their_reminder_by_text_message(
    ride, make_volunteer, settings
):
    settings.SMS_BACKEND = "meldingen.sms.LocmemSMSBackend"
    LocmemSMSBackend.outbox, LocmemSMSBackend.references = [], []
    volunteer = make_volunteer(email="", phone="0612345678", first_name="Jan", last_name="Hof")
    accepted(ride, volunteer)
    matching_jobs.reminders(timezone.now())
    row = Notification.objects.get(template="reminder_sms")
    assert (row.channel, row.recipient) == ("sms", "0612345678")
    assert row.recipient_name == volunteer.full_name  # for "Bel …" if it does not arrive
    services.deliver(row.pk, now=row.due_at)
    assert LocmemSMSBackend.outbox[0][0] == "0612345678"
    assert LocmemSMSBackend.references == [row.reference]
    assert (
        "Herinnering" in LocmemSMSBackend.outbox[0][1]
        or "herinnering" in (LocmemSMSBackend.outbox[0][1])
    )


def test_a_reminder_for_a_cancelled_task_is_not_sent(ride, make_volunteer):
    assignment = accepted(ride, make_volunteer())
    matching_jobs.reminders(timezone.now())
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.WITHDRAWN)
    row = Notification.objects.get(template="reminder")
    mail.outbox.clear()
    assert services.deliver(row.pk, now=row.due_at) == "cancelled"
    assert mail.outbox == []


def test_follow_up_todo_only_for_a_first_time_pair(ride, make_volunteer):
    volunteer = make_volunteer()
    assignment = accepted(ride, volunteer)
    matching.task_report_submit(assignment=assignment, outcome="done", how_it_went="good")
    matching_jobs.after_the_task(timezone.now())
    todo = Todo.objects.get(kind=Todo.Kind.FOLLOW_UP)
    assert todo.about == {"help_request": ride.pk, "volunteer": volunteer.pk}
    assert "hoe ging het" in todo.title


def test_ticking_a_todo_off_records_it_in_the_logbook(ride, coordinator):
    from koppelingen.models import LogEntry

    todo, _ = services.todo_add(
        village=ride.village,
        kind=Todo.Kind.ESCALATION,
        key="x",
        title="Bel even",
        due_on=timezone.localdate(),
        about={"help_request": ride.pk},
    )
    services.todo_done(todo=todo, by=coordinator)
    services.todo_done(todo=todo, by=coordinator)
    assert LogEntry.objects.filter(kind=LogEntry.Kind.TODO_DONE, help_request=ride).count() == 1


def test_the_yearly_confirmation_round_opens_in_january_and_asks_once(make_volunteer):
    from datetime import datetime

    from vrijwilligers.models import ConfirmationRequest

    make_volunteer(first_name="Trijntje")
    make_volunteer(first_name="Derk", email="")
    november = datetime(2026, 11, 20, 10, tzinfo=timezone.get_current_timezone())
    assert jobs.run("confirmation_round", now=november) == 0
    january = datetime(2027, 1, 15, 10, tzinfo=timezone.get_current_timezone())
    mail.outbox.clear()
    assert jobs.run("confirmation_round", now=january) == 2  # one e-mail, one phone call
    assert jobs.run("confirmation_round", now=january) == 0
    assert jobs.run("outbox", now=january) == 1  # the e-mail goes through the outbox
    assert jobs.run("outbox", now=january) == 0
    assert len(mail.outbox) == 1
    assert ConfirmationRequest.objects.count() == 2


def test_reminders_around_the_spring_forward_night_are_planned_once_at_19h(ride, make_volunteer):
    from datetime import UTC, date, datetime, time

    from tests.hulpvragen.factories import HelpRequestFactory

    # A task on Monday 30 March 2026, after the night the clocks went forward.
    with time_machine.travel(datetime(2026, 3, 20, 9, tzinfo=UTC)):
        monday = HelpRequestFactory(
            village=ride.village,
            resident=ride.resident,
            needed_on=date(2026, 3, 30),
            time_from=time(10),
            status=ride.status,
        )
        assignment = accepted(monday, make_volunteer())
    for moment in (
        "2026-03-28T23:30:00+00:00",
        "2026-03-29T00:30:00+00:00",
        "2026-03-29T01:30:00+00:00",
        "2026-03-29T12:00:00+00:00",
    ):
        with time_machine.travel(datetime.fromisoformat(moment)):
            matching_jobs.reminders(timezone.now())
    rows = Notification.objects.filter(template="reminder", context__assignment=assignment.pk)
    assert rows.count() == 1
    assert rows.get().due_at == datetime(2026, 3, 29, 17, 0, tzinfo=UTC)  # 19:00 summer time


def test_a_daily_recurring_request_is_shared_by_its_volunteers(ride, make_volunteer):
    from datetime import date

    from hulpvragen.lifecycle import Status
    from koppelingen.models import Occurrence

    ride.is_recurring = True
    ride.frequency = "daily"
    ride.times_of_day = ["09:00", "19:00"]
    ride.recurrence_start = date.today()
    ride.review_on = date.today() + timedelta(days=90)
    ride.save()
    anna, bert = make_volunteer(first_name="Anna"), make_volunteer(first_name="Bert")
    ride.volunteers_needed = 2
    ride.save()
    for volunteer in (anna, bert):
        accepted(ride, volunteer)
    ride.refresh_from_db()
    ride.status = Status.ACTIVE
    ride.save()
    assert matching_jobs.recurring(timezone.now()) > 20
    assert matching_jobs.recurring(timezone.now()) == 0
    planned = list(Occurrence.objects.filter(help_request=ride).order_by("starts_at")[:4])
    assert [o.volunteer.first_name for o in planned[:2]] in (["Anna", "Bert"], ["Bert", "Anna"])
    assert {timezone.localtime(o.starts_at).hour for o in planned} <= {9, 19}


def test_the_turns_of_a_recurring_request_show_to_coordinator_and_volunteer(
    client, coordinator, ride, make_volunteer, volunteer_user
):
    from datetime import date

    from hulpvragen.lifecycle import Status
    from vrijwilligers.models import Volunteer

    volunteer = Volunteer.objects.filter(user=volunteer_user).first() or make_volunteer(
        user=volunteer_user
    )
    ride.is_recurring = True
    ride.frequency = "daily"
    ride.times_of_day = ["09:00"]
    ride.recurrence_start = date.today()
    ride.save()
    accepted(ride, volunteer)
    ride.refresh_from_db()
    ride.status = Status.ACTIVE
    ride.save()
    matching_jobs.recurring(timezone.now())
    client.force_login(coordinator)
    html = client.get(f"/hulpvragen/{ride.pk}/").content.decode()
    assert "Volgende keren" in html and escape(volunteer.full_name) in html
    client.force_login(volunteer_user)
    html = client.get("/vrijwilligers/mijn-taken/").content.decode()
    assert "Uw vaste taken deze week" in html


def test_todo_list_query_count_does_not_grow(
    client, coordinator, village, django_assert_max_num_queries
):
    client.force_login(coordinator)
    for n in range(3):
        services.todo_add(
            village=village,
            kind="follow_up",
            key=f"a{n}",
            title=f"Bel {n}",
            due_on=timezone.localdate(),
        )
    with django_assert_max_num_queries(20) as few:
        client.get("/te-doen/")
    for n in range(30):
        todo, _ = services.todo_add(
            village=village,
            kind="review",
            key=f"b{n}",
            title=f"Kijk {n}",
            due_on=timezone.localdate(),
        )
        if n % 2:
            services.todo_done(todo=todo, by=coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/te-doen/")
    assert "Kijk 28" in response.content.decode()


def test_ticking_off_with_htmx_swaps_the_row(client, coordinator, village):
    todo, _ = services.todo_add(
        village=village,
        kind="follow_up",
        key="h",
        title="Bel Trijntje",
        due_on=timezone.localdate(),
    )
    client.force_login(coordinator)
    response = client.post(f"/te-doen/{todo.pk}/gedaan/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "✓ Bel Trijntje" in response.content.decode()
    todo.refresh_from_db()
    assert todo.done_by == coordinator


def test_a_weekly_turn_reminds_its_regular_volunteer_once(ride, make_volunteer):
    from datetime import date

    from hulpvragen.lifecycle import Status

    ride.is_recurring = True
    ride.frequency = "weekly"
    ride.weekday = (date.today() + timedelta(days=2)).weekday()
    ride.times_of_day = ["10:00"]
    ride.recurrence_start = date.today()
    ride.save()
    accepted(ride, make_volunteer(first_name="Grietje"))
    ride.refresh_from_db()
    ride.status = Status.ACTIVE
    ride.save()
    matching_jobs.recurring(timezone.now())
    assert matching_jobs.reminders(timezone.now()) >= 1
    assert matching_jobs.reminders(timezone.now()) == 0
    row = Notification.objects.get(template="occurrence_reminder")
    mail.outbox.clear()
    assert services.deliver(row.pk, now=row.due_at + timedelta(seconds=1)) == "sent"
    assert "vaste taak" in mail.outbox[0].body


def test_ticking_off_a_review_plans_the_next_one(ride, coordinator):
    from datetime import UTC, date, datetime

    ride.is_recurring = True
    ride.review_on = date(2026, 1, 10)
    ride.save()
    todo, _ = services.todo_add(
        village=ride.village,
        kind=Todo.Kind.REVIEW,
        key="r",
        title="Bekijk",
        due_on=date(2026, 1, 10),
        about={"help_request": ride.pk},
    )
    with time_machine.travel(datetime(2026, 1, 12, 10, tzinfo=UTC)):
        services.todo_done(todo=todo, by=coordinator)
    ride.refresh_from_db()
    assert ride.review_on == date(2026, 4, 12)  # three months, the village's default


def test_the_reminders_job_reads_the_village_settings_once(
    ride, make_volunteer, django_assert_max_num_queries
):
    from tests.hulpvragen.factories import HelpRequestFactory

    for _ in range(4):
        request = HelpRequestFactory(
            village=ride.village,
            resident=ride.resident,
            needed_on=ride.needed_on,
            status=ride.status,
        )
        accepted(request, make_volunteer())
    services.settings_for(ride.village)
    # per row: look up and create the reminder (4 with the savepoint); the rest once
    with django_assert_max_num_queries(4 * 4 + 3):
        assert matching_jobs.reminders(timezone.now()) == 4


def test_a_stopped_volunteer_gets_no_reminder_planned_before_or_after_stopping(
    ride, make_volunteer, coordinator
):
    from vrijwilligers.services import volunteer_stop

    volunteer = make_volunteer(first_name="Jan")
    accepted(ride, volunteer)
    evening = timezone.localtime(timezone.now()).replace(hour=12)
    matching_jobs.reminders(evening)
    planned = Notification.objects.get(template="reminder")
    volunteer_stop(volunteer=volunteer, by=coordinator, on=timezone.localdate(), reason="health")
    mail.outbox.clear()
    assert services.deliver(planned.pk, now=planned.due_at) == "cancelled"
    Notification.objects.all().delete()
    assert matching_jobs.reminders(evening) == 0
    assert matching_jobs.after_the_task(evening + timedelta(days=10)) == 0
    assert not Notification.objects.filter(recipient=volunteer.email).exists()
    assert mail.outbox == []
