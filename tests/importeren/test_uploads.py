"""Imports in the background: the stored upload, the two tasks (each run twice), the tidy-up."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from importeren import tasks, uploads
from importeren.models import ImportRun, ImportUpload
from tests.importeren.files import csv_bytes
from vrijwilligers.models import Volunteer

pytestmark = pytest.mark.django_db
Status = ImportUpload.Status

GOOD = [["naam", "email"], ["Jan de Vries", "jan@example.org"], ["Els van 't Hof", ""]]


def stored(village, coordinator, rows=GOOD, name="lijst.csv"):
    """An upload whose check has not run yet (nothing queued: on_commit does not fire)."""
    file = SimpleUploadedFile(name, csv_bytes(rows, delimiter=";"))
    return uploads.upload_create(
        kind="volunteers", village=village, by=coordinator, uploaded_file=file
    )


def test_the_file_is_stored_outside_the_public_media_folder(village, coordinator, settings):
    upload = stored(village, coordinator)
    path = upload.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert upload.status == Status.CHECK_WAITING and upload.size > 0


def test_the_check_run_twice_checks_once(village, coordinator):
    upload = stored(village, coordinator)
    assert tasks.check_upload(upload.pk) is True
    assert tasks.check_upload(upload.pk) is False
    upload.refresh_from_db()
    assert upload.status == Status.CHECKED
    assert upload.result["row_count"] == 2 and upload.result["problems"] == []
    assert upload.rows_done == upload.rows_total == 2
    assert upload.file  # kept for the import
    assert not Volunteer.objects.exists()


def test_the_import_run_twice_imports_once(village, coordinator):
    upload = stored(village, coordinator)
    tasks.check_upload(upload.pk)
    assert uploads.upload_confirm(upload=upload) is True
    assert uploads.upload_confirm(upload=upload) is False
    assert tasks.import_upload(upload.pk) is True
    assert tasks.import_upload(upload.pk) is False
    upload.refresh_from_db()
    assert upload.status == Status.IMPORTED and not upload.file
    assert Volunteer.objects.count() == 2
    assert upload.run == ImportRun.objects.get()
    assert uploads.counts_text(upload).startswith("vrijwilligers: 2")


def test_an_abandoned_import_is_taken_up_again_without_importing_twice(village, coordinator):
    upload = stored(village, coordinator)
    tasks.check_upload(upload.pk)
    uploads.upload_confirm(upload=upload)
    tasks.import_upload(upload.pk)
    # As if the worker died after the import committed, before the row said so.
    long_ago = timezone.now() - timedelta(seconds=uploads.TASK_TIME_LIMIT + 60)
    ImportUpload.objects.filter(pk=upload.pk).update(status=Status.IMPORTING, claimed_at=long_ago)
    assert tasks.import_upload(upload.pk) is True
    upload.refresh_from_db()
    assert upload.status == Status.IMPORTED
    assert Volunteer.objects.count() == 2 and ImportRun.objects.count() == 1


def test_a_running_task_is_not_taken_over(village, coordinator):
    upload = stored(village, coordinator)
    ImportUpload.objects.filter(pk=upload.pk).update(
        status=Status.CHECKING, claimed_at=timezone.now()
    )
    assert tasks.check_upload(upload.pk) is False


def test_a_file_that_went_missing_ends_in_a_dutch_message(village, coordinator):
    upload = stored(village, coordinator)
    upload.file.storage.delete(upload.file.name)
    tasks.check_upload(upload.pk)
    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert "niet meer" in upload.result["problems"][0]["message"]


def test_problems_found_at_import_time_import_nothing(village, coordinator):
    upload = stored(village, coordinator)
    tasks.check_upload(upload.pk)
    uploads.upload_confirm(upload=upload)
    # Meanwhile someone registered the same e-mail address by hand.
    from tests.vrijwilligers.factories import VolunteerFactory

    VolunteerFactory(village=village, email="jan@example.org")
    tasks.import_upload(upload.pk)
    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert [(p["row"], p["column"]) for p in upload.result["problems"]] == [(2, "email")]
    assert Volunteer.objects.count() == 1 and not ImportRun.objects.exists()


def test_the_tidy_up_removes_old_uploads_and_their_files(village, coordinator):
    old = stored(village, coordinator)
    ImportUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    fresh = stored(village, coordinator, name="nieuw.csv")
    path = old.file.path
    uploads.tidy_uploads(timezone.now())
    assert not ImportUpload.objects.filter(pk=old.pk).exists()
    import os

    assert not os.path.exists(path)
    assert ImportUpload.objects.filter(pk=fresh.pk).exists()


def test_the_tidy_up_queues_an_upload_nobody_picked_up(
    village, coordinator, django_capture_on_commit_callbacks
):
    upload = stored(village, coordinator)
    ImportUpload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        uploads.tidy_uploads(timezone.now())
    upload.refresh_from_db()
    assert upload.status == Status.CHECKED
