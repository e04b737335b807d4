"""The registries the apps fill from their AppConfig.ready(): every job runs from beat, a
name is taken once, and an outbox row of a kind nobody registered fails with a to-do."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from dorpsloket.celery import app
from meldingen import jobs, registry, services
from meldingen.models import Notification, Todo


def beat_jobs():
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    return {entry["args"][0] for entry in entries if entry["task"] == "meldingen.run_job"}


def test_every_job_of_every_app_is_on_the_beat_schedule_and_nothing_else():
    assert beat_jobs() == set(registry.jobs())
    # the outbox job is the command-line twin of the scan, which beat runs every minute
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} == {
        "meldingen.run_job",
        "meldingen.scan_outbox",
    }


def test_the_tasks_beat_names_are_the_registered_celery_tasks():
    app.loader.import_default_modules()
    assert {"meldingen.run_job", "meldingen.scan_outbox", "meldingen.deliver_notification"} <= set(
        app.tasks
    )


def test_the_jobs_of_the_apps_run_before_the_outbox_is_sent():
    assert list(jobs.all_jobs())[-1] == "outbox"
    assert {"reminders", "confirmation_round", "recurring_reviews", "stale_social_map"} <= set(
        jobs.all_jobs()
    )


def test_a_name_registered_for_another_function_stops_the_start_up():
    taken = registry.jobs()["reminders"]
    registry.register_job("reminders", taken)  # the same again (a second ready()) is fine
    with pytest.raises(ImproperlyConfigured):
        registry.register_job("reminders", lambda now: 0)
    assert registry.jobs()["reminders"] is taken


@pytest.mark.django_db
def test_a_message_of_a_kind_no_app_registered_fails_at_once_with_a_todo(village):
    row, _ = services.notification_schedule(
        key="unknown-kind",
        village=village,
        channel=Notification.Channel.EMAIL,
        recipient="grietje@example.org",
        template="verjaardag",
        context={},
        due_at=timezone.now(),
    )
    assert services.deliver(row.pk) == "failed"
    assert Todo.objects.filter(kind=Todo.Kind.FAILED_NOTIFICATION).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_no_report_back_todo_made_in_the_admin_becomes_a_follow_up_call(village):
    executor = MigrationExecutor(connection)
    executor.migrate([("meldingen", "0002_todo_done_note")])
    old_todo = executor.loader.project_state([("meldingen", "0002_todo_done_note")]).apps
    made = old_todo.get_model("meldingen", "Todo").objects.create(
        village_id=village.pk,
        kind="report_missing",
        title="Jan heeft niets laten horen",
        due_on=timezone.localdate(),
        idempotency_key="admin:1",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    todo = Todo.objects.get(pk=made.pk)
    assert todo.kind == Todo.Kind.FOLLOW_UP
    assert todo.title == "Jan heeft niets laten horen" and todo.done_at is None
