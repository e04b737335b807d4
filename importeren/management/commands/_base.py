"""Shared by importeer_vrijwilligers and importeer_hulpvragen: the same checks and messages
as the upload pages, printed one per line; exit code 1 when anything is wrong."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import Village
from importeren.services import describe_counts, import_file


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument("--village", required=True, help="slug of the village")
        parser.add_argument(
            "--dry-run", action="store_true", help="only check the file; write nothing"
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(options)

    def _handle(self, options):
        village = Village.objects.filter(slug=options["village"]).first()
        if village is None:
            raise CommandError(
                translation.gettext("Unknown village: %(slug)s") % {"slug": options["village"]}
            )
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        result = import_file(
            kind=self.kind,
            village=village,
            by=None,
            data=data,
            file_name=path.name,
            dry_run=options["dry_run"],
        )
        for warning in result.warnings:
            self.stderr.write(translation.gettext("Note: %(text)s") % {"text": warning})
        for problem in result.problems:
            self.stderr.write(str(problem))
        if not result.ok:
            raise CommandError(
                translation.ngettext(
                    "%(n)s problem: nothing was imported.",
                    "%(n)s problems: nothing was imported.",
                    len(result.problems),
                )
                % {"n": len(result.problems)}
            )
        if options["dry_run"]:
            self.stdout.write(
                translation.gettext("The file is in order (%(n)s rows); nothing was written.")
                % {"n": result.row_count}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    translation.gettext("Imported: %(counts)s.")
                    % {"counts": describe_counts(result.counts)}
                )
            )
