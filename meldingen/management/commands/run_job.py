from django.core.management.base import BaseCommand, CommandError

from meldingen.jobs import JOBS, run


class Command(BaseCommand):
    help = "Run one background job once (what beat triggers): " + ", ".join(JOBS)

    def add_arguments(self, parser):
        parser.add_argument("job", nargs="?", help="the job's name; 'all' runs every job")
        parser.add_argument("--list", action="store_true", help="list the jobs")

    def handle(self, *args, job=None, **options):
        if options["list"] or not job:
            for name, function in JOBS.items():
                self.stdout.write(f"{name:<24} {(function.__doc__ or '').strip().splitlines()[0]}")
            return
        names = list(JOBS) if job == "all" else [job]
        for name in names:
            if name not in JOBS:
                raise CommandError(f"Unknown job {name!r}; choose from: {', '.join(JOBS)}")
            self.stdout.write(f"{name}: {run(name)}")
