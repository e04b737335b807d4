from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.demo import (
    DEMO_ADMIN,
    DEMO_BUILDERS,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_TWO_FACTOR_LOGINS,
    new_context,
)


class Command(BaseCommand):
    help = "Fill the database with a realistic demo village (idempotent: skips what is there)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    def handle(self, *args, **options):
        ctx = new_context()
        with transaction.atomic():
            for dotted in DEMO_BUILDERS:
                module = dotted.rsplit(".", 1)[0]
                try:
                    builder = import_string(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name != module:
                        raise
                    continue  # the app has no demo data (yet)
                builder(ctx)
        for line in ctx.log:
            self.stdout.write(line)
        if options["quiet_logins"]:
            return
        self.stdout.write(self.style.SUCCESS(_("Demo logins (password: %s)") % DEMO_PASSWORD))
        for email, _name, role, slugs in DEMO_LOGINS:
            villages = ", ".join(slugs)
            self.stdout.write(f"  {role.label:<34} {email:<32} {villages}{self._code(email)}")
        admin_email = DEMO_ADMIN[0]
        administrator = _("administrator")
        self.stdout.write(
            f"  {administrator:<34} {admin_email:<32} {self._code(admin_email).strip()}"
        )
        self.stdout.write(
            _(
                "  * also a code from an authenticator app with the key %(secret)s, or the "
                "current code from: .venv/bin/python manage.py demo_code"
            )
            % {"secret": DEMO_TOTP_SECRET}
        )
        self.stdout.write(
            _("  The coordinator of Usquert sets up two-step login at the first login.")
        )

    def _code(self, email):
        return " *" if email in DEMO_TWO_FACTOR_LOGINS else ""
