"""Problems by row and column, and a small helper to read one row's cells."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .parsing import CellError, clean_text


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in the file. `row` None: the file as a whole."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class RowReader:
    """Reads the cells of one row; every unreadable cell becomes a `Problem`."""

    number: int
    cells: dict
    problems: list[Problem]
    warnings: list[Problem]
    ok: bool = True
    _start: int = field(init=False, default=0)

    def __post_init__(self):
        self._start = len(self.problems)

    def text(self, column: str) -> str:
        return clean_text(self.cells.get(column))

    def has(self, column: str) -> bool:
        return bool(self.text(column))

    def read(self, column: str, parser: Callable, *args, **kwargs):
        """`parser(cell, ...)`; on a CellError the problem is noted and None returned."""
        try:
            return parser(self.cells.get(column), *args, **kwargs)
        except CellError as exc:
            self.error(column, exc.message)
            return None

    def require(self, column: str) -> bool:
        if self.has(column):
            return True
        self.error(column, _("This cell is empty; fill it in."))
        return False

    def error(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, str(message)))
        self.ok = False

    def warn(self, column: str, message: str) -> None:
        self.warnings.append(Problem(self.number, column, str(message)))

    def model_errors(self, exc: ValidationError, columns: dict[str, str]) -> None:
        """A model's full_clean() errors, each under the column its field came from."""
        if not hasattr(exc, "error_dict"):
            for message in exc.messages:
                self.error("", message)
            return
        for field_name, errors in exc.error_dict.items():
            column = columns.get(field_name, "")
            for error in errors:
                for message in error.messages:
                    self.error(column, message)


def missing_columns(headers: list[str], required: list[str]) -> list[Problem]:
    return [
        Problem(1, name, _("The column '%(name)s' is missing in row 1.") % {"name": name})
        for name in required
        if name not in headers
    ]


def unknown_columns(headers: list[str], known: set[str], raw: dict[str, str]) -> list[Problem]:
    """Columns we do not know are ignored, with a warning (often a typing error)."""
    return [
        Problem(
            1,
            raw.get(name, name),
            _("Unknown column: it is ignored. Check the spelling against the template."),
        )
        for name in headers
        if name not in known
    ]


Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250


def counted(rows: list, progress: Progress | None) -> Iterator:
    """The rows, calling `progress(done, total)` every PROGRESS_EVERY rows and at the end."""
    total = len(rows)
    for done, row in enumerate(rows):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        yield row
    if progress is not None:
        progress(total, total)
