from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Village
from vrijwilligers.services import confirmation_round_run


class Command(BaseCommand):
    help = (
        "Run this year's confirmation round of a village once: e-mail active volunteers a "
        "link to confirm their details, list those without e-mail for a call, and flag "
        "non-responders. Safe to run repeatedly (nothing is sent twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--village", required=True, help="Village slug, e.g. warffum.")
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help="Weeks to wait for an answer before flagging (default 4, kept on the round).",
        )

    def handle(self, *args, **options):
        village = Village.objects.filter(slug=options["village"]).first()
        if village is None:
            raise CommandError(f"No village with slug {options['village']!r}.")
        if options["weeks"] is not None and options["weeks"] < 1:
            raise CommandError("--weeks must be at least 1.")
        result = confirmation_round_run(
            village=village,
            today=timezone.localdate(),
            respond_within_weeks=options["weeks"],
        )
        self.stdout.write(
            f"{village.name} {result.round.year}: {len(result.emailed)} e-mailed, "
            f"{len(result.to_call)} on the call list, {len(result.flagged)} newly flagged "
            "for not answering."
        )
