"""`manage.py privacy_docs [--check]`: write docs/privacy.md from the field register."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy.docs import render


def docs_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "privacy.md"


class Command(BaseCommand):
    help = "Write docs/privacy.md (processing register, retention, roles, DPIA) from the register."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="only fail when the file is out of date"
        )

    def handle(self, *args, check=False, **options):
        path = docs_path()
        content = render()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                raise CommandError(f"{path} is out of date: run manage.py privacy_docs")
            return
        path.write_text(content, encoding="utf-8")
        self.stderr.write(f"{path} written.")
