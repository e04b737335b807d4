"""Importing a file: read, check every row, and — only when nothing is wrong and it is not
a dry run — write everything in one transaction.

    result = import_file(kind=ImportKind.VOLUNTEERS, village=v, by=user, data=b"...",
                         file_name="vrijwilligers.csv", dry_run=True)
    result.ok, result.problems, result.warnings, result.counts

A dry run only reads. A real run checks again first (the registry may have changed since
the dry run) and writes all rows or none: any problem, also one found while writing, rolls
the whole import back. The web pages and the management commands both call `import_file`,
so they report the same problems.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.templatetags.nl_format import format_nl_date

from . import help_requests, volunteers
from .checking import Problem, Progress
from .columns import REQUEST_ALIASES, VOLUNTEER_ALIASES
from .models import ImportKind, ImportRun
from .reading import FileError, read_table

# What `ImportResult.counts` holds, in words (plural-safe as "label: number").
COUNT_LABELS = {
    "volunteers": gettext_lazy("volunteers"),
    "stopped": gettext_lazy("of whom stopped"),
    "requests": gettext_lazy("help requests"),
    "residents": gettext_lazy("new residents"),
    "organisations": gettext_lazy("new organisations on the social map"),
    "assignments": gettext_lazy("volunteers matched"),
}


def describe_counts(counts: dict) -> str:
    """'hulpvragen: 20, nieuwe inwoners: 15, …' (what an import created), in the order of
    COUNT_LABELS (counts read back from PostgreSQL's jsonb come in another order)."""
    order = list(COUNT_LABELS)
    keys = sorted(counts, key=lambda key: (order.index(key) if key in order else len(order), key))
    return ", ".join(f"{COUNT_LABELS.get(key, key)}: {counts[key]}" for key in keys)


ALIASES = {ImportKind.VOLUNTEERS: VOLUNTEER_ALIASES, ImportKind.HELP_REQUESTS: REQUEST_ALIASES}


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    row_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    run: ImportRun | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def imported(self) -> bool:
        return self.run is not None


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _already_imported(*, village, kind: str, data: bytes) -> Problem | None:
    earlier = ImportRun.objects.filter(village=village, kind=kind, sha256=fingerprint(data)).first()
    if earlier is None:
        return None
    return Problem(
        None,
        "",
        _(
            "This file was already imported on %(date)s (%(name)s). "
            "Importing it again would count everything twice."
        )
        % {
            "date": format_nl_date(earlier.imported_at),
            "name": earlier.file_name,
        },
    )


def _check(kind: str, table, *, village, by, today: date, progress: Progress | None):
    if kind == ImportKind.VOLUNTEERS:
        return volunteers.check(table, village=village, today=today, progress=progress)
    return help_requests.check(table, village=village, today=today, by=by, progress=progress)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0))


def import_file(
    *,
    kind: str,
    village,
    by,
    data: bytes,
    file_name: str,
    dry_run: bool,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check `data` (CSV or XLSX) and, unless `dry_run` or anything is wrong, import it.

    Never raises for a bad file: every problem comes back in `result.problems`, by row and
    column, in Dutch. Warnings (unknown columns, a name already in the registry …) do not
    stop an import. `progress(done, total)`, when given, is called while the rows are
    checked (every few hundred rows).
    """
    today = today or timezone.localdate()
    result = ImportResult(kind=kind, dry_run=dry_run)
    try:
        table = read_table(data, aliases=ALIASES[kind])
    except FileError as exc:
        result.problems.append(Problem(None, "", exc.message))
        return result
    result.row_count = len(table.rows)
    if duplicate := _already_imported(village=village, kind=kind, data=data):
        result.problems.append(duplicate)
    plan, problems, warnings = _check(
        kind, table, village=village, by=by, today=today, progress=progress
    )
    result.problems = _sorted(result.problems + problems)
    result.warnings = _sorted(warnings)
    if dry_run or not result.ok:
        return result
    try:
        with transaction.atomic():
            if kind == ImportKind.VOLUNTEERS:
                counts = volunteers.apply(plan, village=village, by=by)
            else:
                note = _("Imported from %(file)s.") % {"file": file_name}
                counts = help_requests.apply(plan, village=village, by=by, note=note)
            run = ImportRun(
                village=village,
                kind=kind,
                file_name=file_name[:200],
                sha256=fingerprint(data),
                row_count=result.row_count,
                counts=counts,
                imported_by=by if getattr(by, "is_authenticated", False) else None,
            )
            run.full_clean()
            run.save()
    except ValidationError as exc:
        # Checked a moment ago, so this is rare (someone changed the registry meanwhile):
        # everything was rolled back; say what went wrong.
        result.problems.append(
            Problem(
                None, "", _("Nothing was imported: %(error)s") % {"error": " ".join(exc.messages)}
            )
        )
        return result
    result.counts = counts
    result.run = run
    return result
