"""manage.py backup [--dir DIR] [--keep N]: one backup file of the database, then rotation
(see dorpsloket.backups for the naming)."""

from django.core.management.base import BaseCommand, CommandError

from dorpsloket.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or an SQLite copy) and keep the newest N files."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="folder for the backups (default BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="how many backups to keep (BACKUP_KEEP)")

    def handle(self, *args, **options):
        try:
            path = backup(directory=options["dir"], keep=options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
