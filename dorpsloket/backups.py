"""Backups of the database and restoring one (`manage.py backup`, `manage.py restore`).

PostgreSQL: `pg_dump --format=custom` (one compressed file, consistent: pg_dump reads one
snapshot while the app keeps working), restored with `pg_restore --clean --if-exists
--no-owner`. SQLite: a copy made with sqlite3's online backup API (consistent even while the
web server and the worker write), restored the same way into the database file.

Files are named `dorpsloket-<YYYYmmdd-HHMMSS>.<dump|sqlite3>` (UTC) in BACKUP_DIR, written
under a temporary name and renamed when complete, readable by the owner only. After each
backup only the newest BACKUP_KEEP files of that pattern are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections

NAME_PATTERN = re.compile(r"^dorpsloket-\d{8}-\d{6}\.(dump|sqlite3)$")


class BackupError(Exception):
    pass


def database(url: str | None = None) -> dict:
    """The settings of the app's database, or of the one `url` names."""
    if url:
        return dj_database_url.parse(url)
    return connections["default"].settings_dict


def is_postgres(db: dict) -> bool:
    return db["ENGINE"] == "django.db.backends.postgresql"


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _run(command: list[str], db: dict) -> None:
    try:
        subprocess.run(command, env=_pg_env(db), check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} is not installed (apt-get install postgresql-client)"
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()}") from exc


def _sqlite_path(db: dict) -> str:
    name = str(db["NAME"])
    if name in ("", ":memory:") or name.startswith("file:"):
        return name
    return os.path.abspath(name)


def _sqlite_source(db: dict):
    """A raw sqlite3 connection to `db`: the app's own when it is the app's database (an
    in-memory test database exists only there), otherwise a new one."""
    default = connections["default"]
    if default.vendor == "sqlite" and _sqlite_path(default.settings_dict) == _sqlite_path(db):
        if default.in_atomic_block:
            # Its own open transaction would lock the copy out for ever.
            raise BackupError("cannot copy the SQLite database from inside a transaction")
        default.ensure_connection()
        return default.connection, False
    return sqlite3.connect(_sqlite_path(db)), True


def backup(*, directory: Path | None = None, keep: int | None = None, now=None) -> Path:
    """Write one backup file of the app's database and rotate; returns the new file."""
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    db = database()
    target = directory / f"dorpsloket-{stamp}.{'dump' if is_postgres(db) else 'sqlite3'}"
    partial = target.with_name(target.name + ".partial")
    old_umask = os.umask(0o077)
    try:
        if is_postgres(db):
            _run(
                ["pg_dump", "--format=custom", "--file", str(partial), *_pg_args(db), db["NAME"]],
                db,
            )
        else:
            source, own = _sqlite_source(db)
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
            finally:
                destination.close()
                if own:
                    source.close()
        partial.rename(target)
    finally:
        os.umask(old_umask)
        partial.unlink(missing_ok=True)
    rotate(directory, keep=keep)
    return target


def rotate(directory: Path, *, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backup files (by name, which sorts by time)."""
    files = sorted(p for p in Path(directory).iterdir() if NAME_PATTERN.match(p.name))
    removed = files[:-keep] if keep > 0 else []
    for path in removed:
        path.unlink()
    return removed


def restore(path: Path, *, database_url: str | None = None) -> None:
    """Restore `path` into the app's database (or the one `database_url` names), replacing
    what is there. Stop the web server and the worker first."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    db = database(database_url)
    if is_postgres(db):
        if path.suffix != ".dump":
            raise BackupError("a PostgreSQL database is restored from a .dump file")
        connections["default"].close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                db["NAME"],
                *_pg_args(db),
                str(path),
            ],
            db,
        )
        return
    if path.suffix != ".sqlite3":
        raise BackupError("an SQLite database is restored from a .sqlite3 file")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    destination, own = _sqlite_source(db)
    try:
        source.backup(destination)
    finally:
        source.close()
        if own:
            destination.close()
