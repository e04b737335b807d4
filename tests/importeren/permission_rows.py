"""Permission rows for importing: only coordinators (of the active village) get in."""

from tests.permission_rows import OK, Row, only

COORDINATORS = only({"coordinator": OK, "other_coordinator": OK})


def csv_upload(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("v.csv", b"naam;email\r\nJan de Vries;jan@example.org\r\n")}


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
        COORDINATORS,
        kwargs=lambda w: {"kind": "vrijwilligers"},
        method="post",
        data=csv_upload,
        id="importeren:upload-dry-run",
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
