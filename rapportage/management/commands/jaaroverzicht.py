"""`manage.py jaaroverzicht --village SLUG --year 2024 --format json|csv|pdf [--output FILE]`.

Writes the yearly overview of one village (or several: repeat --village) to standard output
or a file. JSON has the stable shape documented in docs/jaaroverzicht.md; CSV holds every
table (semicolon separated, decimal comma, for Dutch spreadsheet programs); PDF is the same
document the readers download. PDF needs --output.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import Village
from rapportage import exports
from rapportage.overview import build_overview


class Command(BaseCommand):
    help = "Write the yearly overview (jaaroverzicht) of a village as JSON, CSV or PDF."

    def add_arguments(self, parser):
        parser.add_argument(
            "--village", action="append", required=True, help="village slug (repeatable)"
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=("json", "csv", "pdf"), default="json")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, village, year, format, output, **options):
        if not 1900 <= year <= 9999:
            raise CommandError(f"--year {year}: give a calendar year such as 2024.")
        slugs = list(dict.fromkeys([village] if isinstance(village, str) else village))
        villages = list(Village.objects.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {v.slug for v in villages})
        if unknown:
            raise CommandError(f"Unknown village: {', '.join(unknown)}")
        if format == "pdf" and not output:
            raise CommandError("--format pdf needs --output FILE.")
        with translation.override("nl"):
            overview = build_overview(villages, year)
            if format == "json":
                content = exports.overview_json(overview) + "\n"
            elif format == "csv":
                content = exports.overview_csv(overview)
            else:
                content = exports.overview_pdf(overview)
        if output:
            mode = "wb" if isinstance(content, bytes) else "w"
            encoding = None if mode == "wb" else "utf-8"
            newline = None if mode == "wb" else ""
            with open(output, mode, encoding=encoding, newline=newline) as handle:
                handle.write(content)
            self.stderr.write(f"{output} written.")
        else:
            self.stdout.write(content, ending="")
