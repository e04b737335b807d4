"""Backups and the restore drill: back up, restore into a FRESH database, compare the number
of rows in every table. On PostgreSQL with pg_dump/pg_restore (marker postgres), on SQLite
with sqlite3's backup API."""

import os
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from dorpsloket import backups
from tests.factories import VillageFactory
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory
from tests.vrijwilligers.factories import VolunteerFactory


def some_data():
    village = VillageFactory(name="Warffum", slug="warffum")
    VolunteerFactory.create_batch(3, village=village)
    resident = ResidentFactory(village=village, last_name="van 't Hof")
    HelpRequestFactory.create_batch(2, village=village, resident=resident)


def counts_here() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        result = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (our own table names)
            result[table] = cursor.fetchone()[0]
    return result


@pytest.mark.django_db(transaction=True)
def test_the_backup_file_is_named_by_time_and_readable_by_the_owner_only(tmp_path):
    path = backups.backup(directory=tmp_path, keep=5, now=datetime(2026, 3, 1, 2, 0, tzinfo=UTC))
    suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
    assert path.name == f"dorpsloket-20260301-020000.{suffix}"
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob("*.partial"))


def test_rotation_keeps_the_newest_files_and_nothing_else_is_touched(tmp_path):
    start = datetime(2026, 3, 1, 2, 0)
    for day in range(5):
        stamp = (start + timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        (tmp_path / f"dorpsloket-{stamp}.dump").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("keep me")
    removed = backups.rotate(tmp_path, keep=2)
    assert len(removed) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dorpsloket-20260304-020000.dump",
        "dorpsloket-20260305-020000.dump",
        "notes.txt",
    ]


def test_restoring_a_missing_file_is_a_clear_error(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nope.dump"), "--yes")


@pytest.mark.django_db(transaction=True)
def test_sqlite_restore_drill_into_a_fresh_database(tmp_path, capsys):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill runs on SQLite")
    some_data()
    call_command("backup", "--dir", str(tmp_path), "--keep", "3")
    path = next(tmp_path.glob("dorpsloket-*.sqlite3"))
    fresh = tmp_path / "fresh.sqlite3"
    call_command("restore", str(path), "--database-url", f"sqlite:///{fresh}", "--yes")
    expected = counts_here()
    assert expected["vrijwilligers_volunteer"] == 3
    restored = sqlite3.connect(fresh)
    try:
        got = {
            table: restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in expected
        }
    finally:
        restored.close()
    assert got == expected


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_restore_drill_into_a_fresh_database(tmp_path):
    import psycopg

    some_data()
    call_command("backup", "--dir", str(tmp_path))
    path = next(tmp_path.glob("dorpsloket-*.dump"))
    db = connection.settings_dict
    fresh = f"{db['NAME']}_drill_{uuid.uuid4().hex[:6]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{fresh}"
    try:
        call_command("restore", str(path), "--database-url", url, "--yes")
        expected = counts_here()
        assert expected["vrijwilligers_volunteer"] == 3
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as restored:
            got = {
                table: restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in expected
            }
        assert got == expected
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
