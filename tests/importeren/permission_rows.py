"""Permission rows for importing: only coordinators (of the active village) get in."""

from tests.permission_rows import OK, REDIRECT, Row, only

COORDINATORS = only({"coordinator": OK, "other_coordinator": OK})
# An upload belongs to the world's village: its coordinators only.
THIS_VILLAGES_COORDINATOR = only({"coordinator": OK})


def csv_upload(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("v.csv", b"naam;email\r\nJan de Vries;jan@example.org\r\n")}


def checked_upload(w):
    from importeren.models import ImportUpload

    return ImportUpload.objects.create(
        village=w.village,
        kind="volunteers",
        file_name="v.csv",
        status=ImportUpload.Status.CHECKED,
        result={"row_count": 1, "problems": [], "warnings": [], "counts": {}},
    )


ROWS = [
    Row("importeren:index", COORDINATORS),
    Row("importeren:upload", COORDINATORS, kwargs=lambda w: {"kind": "vrijwilligers"}),
    Row(
        "importeren:upload",
        COORDINATORS,
        kwargs=lambda w: {"kind": "hulpvragen"},
        id="importeren:upload-hulpvragen",
    ),
    Row(
        "importeren:upload",
        only({"coordinator": REDIRECT, "other_coordinator": REDIRECT}),
        kwargs=lambda w: {"kind": "vrijwilligers"},
        method="post",
        data=csv_upload,
        id="importeren:upload-dry-run",
    ),
    Row(
        "importeren:upload_status",
        THIS_VILLAGES_COORDINATOR,
        kwargs=lambda w: {"pk": checked_upload(w).pk},
    ),
    Row(
        "importeren:upload_status",
        only({"coordinator": REDIRECT}),
        kwargs=lambda w: {"pk": checked_upload(w).pk},
        method="post",
        data={"confirm": "1"},
        id="importeren:upload_status-confirm",
    ),
    Row(
        "importeren:template",
        COORDINATORS,
        kwargs=lambda w: {"kind": "vrijwilligers", "fmt": "csv"},
    ),
    Row(
        "importeren:template",
        COORDINATORS,
        kwargs=lambda w: {"kind": "hulpvragen", "fmt": "xlsx"},
        id="importeren:template-xlsx",
    ),
]
