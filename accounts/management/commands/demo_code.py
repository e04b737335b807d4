from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.demo import DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_LOGINS, demo_code


class Command(BaseCommand):
    help = "Print the current two-step login code of the demo logins (demo only)."

    def handle(self, *args, **options):
        code, seconds = demo_code()
        self.stdout.write(code)
        self.stderr.write(
            _("Valid for about %(seconds)s seconds more, for %(logins)s (key %(secret)s).")
            % {
                "seconds": seconds + 30,
                "logins": ", ".join(DEMO_TWO_FACTOR_LOGINS),
                "secret": DEMO_TOTP_SECRET,
            }
        )
