"""manage.py importeer_hulpvragen FILE --village SLUG [--dry-run]"""

from importeren.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import past help requests with their outcome from a CSV or XLSX file (all rows or "
        "none); see docs/import.md."
    )
    kind = ImportKind.HELP_REQUESTS
