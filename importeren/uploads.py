"""Imports in the background: an uploaded file is stored (`ImportUpload`), checked by a task
(the dry run) and, when the coordinator confirms, imported by another task. The page polls
the row's progress counters and then shows the result, by row and column.

    upload = upload_create(kind=..., village=..., by=user, uploaded_file=f)   # queues the check
    upload_confirm(upload=upload)                                             # queues the import

Both tasks take the upload's id and claim the row with a compare-and-set update (waiting ->
running), so running a task twice, or two at once, does the work once. A task that died half
way (a worker killed) leaves its row "running" with a claim time; after TASK_TIME_LIMIT the
row may be claimed again. The import itself is all-or-nothing (`import_file`), and a repeat
after an import that did commit finds that import by the file's fingerprint instead of
importing again.

Nothing raises to the page: an unreadable file, a crash in the checks or a task that took too
long ends as a Dutch message in the result.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ImportRun, ImportUpload
from .services import describe_counts, fingerprint, import_file

logger = logging.getLogger(__name__)

Status = ImportUpload.Status

# How long one check or import may take; a row claimed longer ago is taken to be abandoned.
TASK_TIME_LIMIT = 30 * 60
TASK_SOFT_TIME_LIMIT = 25 * 60
# Uploads nobody confirmed are removed (file and row) after this long.
KEEP_FOR = timedelta(days=1)
# Waiting longer than this without a worker picking it up: queued again by the job (the
# broker may have been down when it was first queued).
REQUEUE_AFTER = timedelta(minutes=5)


def upload_create(*, kind: str, village, by, uploaded_file) -> ImportUpload:
    """Store the file (private storage) and queue its check."""
    data = uploaded_file.read()
    uploaded_file.seek(0)
    upload = ImportUpload(
        village=village,
        kind=kind,
        file_name=uploaded_file.name[:200],
        size=len(data),
        sha256=fingerprint(data),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    upload.file.save("upload.bin", uploaded_file, save=False)
    upload.full_clean()
    upload.save()
    _queue("check", upload.pk)
    return upload


def upload_confirm(*, upload: ImportUpload) -> bool:
    """Queue the import of a checked file without problems. False when it is not (or no
    longer) in that state, e.g. a second click."""
    changed = ImportUpload.objects.filter(
        pk=upload.pk, status=Status.CHECKED, result__problems=[]
    ).update(status=Status.IMPORT_WAITING, rows_done=0, claimed_at=None)
    if changed:
        _queue("import", upload.pk)
    return bool(changed)


def _queue(what: str, pk: int) -> None:
    from . import tasks

    task = tasks.check_upload if what == "check" else tasks.import_upload

    def send():
        try:
            task.delay(pk)
        except Exception:
            # The broker is away: the row waits, and the cleanup job queues it again.
            logger.exception("Could not queue the %s of upload %s", what, pk)

    transaction.on_commit(send)


def _claim(pk: int, *, waiting: str, running: str, now: datetime) -> bool:
    abandoned = now - timedelta(seconds=TASK_TIME_LIMIT)
    return bool(
        ImportUpload.objects.filter(pk=pk)
        .filter(Q(status=waiting) | Q(status=running, claimed_at__lt=abandoned))
        .update(status=running, claimed_at=now, rows_done=0)
    )


def _progress(pk: int):
    def report(done: int, total: int) -> None:
        ImportUpload.objects.filter(pk=pk).update(rows_done=done, rows_total=total)

    return report


def _result(result) -> dict:
    return {
        "row_count": result.row_count,
        "problems": [
            {"row": p.row, "column": p.column, "message": str(p.message)} for p in result.problems
        ],
        "warnings": [str(w) for w in result.warnings],
        "counts": result.counts,
    }


def _failure(message: str) -> dict:
    return {
        "row_count": 0,
        "problems": [{"row": None, "column": "", "message": message}],
        "warnings": [],
        "counts": {},
    }


def _remove_file(upload: ImportUpload) -> None:
    if upload.file:
        upload.file.delete(save=False)


def _finish(upload: ImportUpload, *, status: str, result: dict, run=None, keep_file=False):
    if not keep_file:
        _remove_file(upload)
    upload.status = status
    upload.result = result
    upload.run = run
    upload.finished_at = timezone.now()
    upload.rows_done = upload.rows_total = result.get("row_count", 0)
    upload.save(
        update_fields=["file", "status", "result", "run", "finished_at", "rows_done", "rows_total"]
    )


def _read(upload: ImportUpload) -> bytes | None:
    if not upload.file:
        return None
    try:
        with upload.file.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def _lost() -> dict:
    return _failure(_("The uploaded file is no longer there. Upload it again."))


def _crashed() -> dict:
    return _failure(
        _(
            "Something went wrong while reading this file; nothing has been imported. "
            "Save it again (as .xlsx or CSV) and upload it again, or call the desk's "
            "administrator."
        )
    )


def check(upload_id: int, *, now: datetime | None = None) -> bool:
    """The dry run of one upload. False when there was nothing to do (done already, or
    another worker has it)."""
    now = now or timezone.now()
    if not _claim(upload_id, waiting=Status.CHECK_WAITING, running=Status.CHECKING, now=now):
        return False
    upload = ImportUpload.objects.select_related("village", "uploaded_by").get(pk=upload_id)
    with translation.override(settings.LANGUAGE_CODE):
        data = _read(upload)
        if data is None:
            _finish(upload, status=Status.FAILED, result=_lost())
            return True
        try:
            result = import_file(
                kind=upload.kind,
                village=upload.village,
                by=upload.uploaded_by,
                data=data,
                file_name=upload.file_name,
                dry_run=True,
                progress=_progress(upload.pk),
            )
        except Exception:
            logger.exception("Checking upload %s failed", upload.pk)
            _finish(upload, status=Status.FAILED, result=_crashed())
            return True
        # A file with problems is not imported: the desk corrects it and uploads it again.
        _finish(upload, status=Status.CHECKED, result=_result(result), keep_file=result.ok)
    return True


def run_import(upload_id: int, *, now: datetime | None = None) -> bool:
    """The import of one confirmed upload, all rows or none. False when there was nothing to
    do. A repeat after an import that committed (the worker died just after) finds that
    import by the file's fingerprint and only records it."""
    now = now or timezone.now()
    if not _claim(upload_id, waiting=Status.IMPORT_WAITING, running=Status.IMPORTING, now=now):
        return False
    upload = ImportUpload.objects.select_related("village", "uploaded_by").get(pk=upload_id)
    with translation.override(settings.LANGUAGE_CODE):
        earlier = ImportRun.objects.filter(
            village=upload.village,
            kind=upload.kind,
            sha256=upload.sha256,
            imported_at__gte=upload.created_at,
        ).first()
        if earlier is not None:
            result = dict(upload.result, counts=earlier.counts)
            _finish(upload, status=Status.IMPORTED, result=result, run=earlier)
            return True
        data = _read(upload)
        if data is None:
            _finish(upload, status=Status.FAILED, result=_lost())
            return True
        try:
            result = import_file(
                kind=upload.kind,
                village=upload.village,
                by=upload.uploaded_by,
                data=data,
                file_name=upload.file_name,
                dry_run=False,
                progress=_progress(upload.pk),
            )
        except Exception:
            logger.exception("Importing upload %s failed", upload.pk)
            _finish(upload, status=Status.FAILED, result=_crashed())
            return True
        if result.imported:
            _finish(upload, status=Status.IMPORTED, result=_result(result), run=result.run)
        else:
            _finish(upload, status=Status.FAILED, result=_result(result))
    return True


def counts_text(upload: ImportUpload) -> str:
    return describe_counts(upload.result.get("counts") or {})


def tidy_uploads(now: datetime) -> int:
    """The daily tidy-up: files of uploads older than KEEP_FOR are removed with their row
    (what was imported stays in ImportRun); uploads waiting longer than REQUEUE_AFTER are
    queued again. Returns how many rows were removed or queued again."""
    done = 0
    running_now = Q(status__in=[Status.CHECKING, Status.IMPORTING]) & Q(
        claimed_at__gte=now - timedelta(seconds=TASK_TIME_LIMIT)
    )
    for upload in ImportUpload.objects.filter(created_at__lt=now - KEEP_FOR).exclude(running_now):
        _remove_file(upload)
        upload.delete()
        done += 1
    stuck = ImportUpload.objects.filter(
        status__in=[Status.CHECK_WAITING, Status.IMPORT_WAITING],
        created_at__gte=now - KEEP_FOR,
        created_at__lt=now - REQUEUE_AFTER,
    )
    for pk, status in stuck.values_list("pk", "status"):
        _queue("check" if status == Status.CHECK_WAITING else "import", pk)
        done += 1
    return done


JOBS = {"import_uploads": tidy_uploads}
