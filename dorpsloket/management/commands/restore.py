"""manage.py restore FILE [--database-url URL] [--yes]: put a backup back, replacing all data
in the database (stop the web server and the worker first)."""

from django.core.management.base import BaseCommand, CommandError

from dorpsloket.backups import BackupError, database, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`, replacing everything in the database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .dump (PostgreSQL) or .sqlite3 (SQLite) backup")
        parser.add_argument(
            "--database-url", help="restore into this database instead (e.g. a restore drill)"
        )
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        target = database(options["database_url"])
        if not options["yes"]:
            answer = input(f"This replaces everything in database {target['NAME']!s}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            restore(options["file"], database_url=options["database_url"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {options['file']} into {target['NAME']}.")
