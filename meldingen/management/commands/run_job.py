from django.core.management.base import BaseCommand, CommandError

from meldingen.jobs import all_jobs, run


class Command(BaseCommand):
    help = "Run one background job once (what beat triggers): " + ", ".join(all_jobs())

    def add_arguments(self, parser):
        parser.add_argument("job", nargs="?", help="the job's name; 'all' runs every job")
        parser.add_argument("--list", action="store_true", help="list the jobs")

    def handle(self, *args, job=None, **options):
        jobs = all_jobs()
        if options["list"] or not job:
            for name, function in jobs.items():
                self.stdout.write(f"{name:<24} {(function.__doc__ or '').strip().splitlines()[0]}")
            return
        names = list(jobs) if job == "all" else [job]
        for name in names:
            if name not in jobs:
                raise CommandError(f"Unknown job {name!r}; choose from: {', '.join(jobs)}")
            self.stdout.write(f"{name}: {run(name)}")
