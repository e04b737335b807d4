from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import parse_postcode_areas, password_setting_link, village_setup


class Command(BaseCommand):
    help = (
        "Create or update a village and its first coordinator; prints a one-time link "
        "for the coordinator to choose a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--postcodes", default="", help="Postcode areas, e.g. 9991,9992")
        parser.add_argument("--coordinator-email", required=True)
        parser.add_argument(
            "--desk-phone",
            default=None,
            help="The desk's phone number, e.g. '0595 44 24 53' (left as it is when omitted)",
        )
        parser.add_argument("--desk-email", default=None, help="The desk's e-mail address (idem)")

    def handle(
        self, *args, name, slug, postcodes, coordinator_email, desk_phone, desk_email, **options
    ):
        try:
            areas = parse_postcode_areas(postcodes)
            village, user, created = village_setup(
                name=name,
                slug=slug,
                postcodes=areas,
                coordinator_email=coordinator_email,
                desk_phone=desk_phone,
                desk_email=desk_email,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Village {village.name} ({village.slug}) with postcodes "
                f"{', '.join(village.postcodes) or '-'}; "
                f"desk {village.desk_phone_display or '-'} / {village.desk_email or '-'}; "
                f"coordinator {user.email}"
                + (" (new account)" if created else " (existing account)")
            )
        )
        if created or not user.has_usable_password():
            self.stdout.write("One-time link to choose a password:")
            self.stdout.write(password_setting_link(user))
