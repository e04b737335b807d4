"""manage.py importeer_vrijwilligers FILE --village SLUG [--dry-run]"""

from importeren.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = "Import volunteers from a CSV or XLSX file (all rows or none); see docs/import.md."
    kind = ImportKind.VOLUNTEERS
