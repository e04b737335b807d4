"""Celery tasks for imports in the background. They take the upload's id; running either
twice does the work once (see importeren.uploads)."""

from celery import shared_task

from . import uploads


@shared_task(
    name="importeren.check_upload",
    time_limit=uploads.TASK_TIME_LIMIT,
    soft_time_limit=uploads.TASK_SOFT_TIME_LIMIT,
)
def check_upload(upload_id: int) -> bool:
    """Check an uploaded file (the dry run) and store the result on the upload."""
    return uploads.check(upload_id)


@shared_task(
    name="importeren.import_upload",
    time_limit=uploads.TASK_TIME_LIMIT,
    soft_time_limit=uploads.TASK_SOFT_TIME_LIMIT,
)
def import_upload(upload_id: int) -> bool:
    """Import a checked and confirmed upload, all rows or none."""
    return uploads.run_import(upload_id)
