"""The stored search text of each organisation, filled for the existing ones, and on
PostgreSQL a trigram index on it (pg_trgm, where the server has the extension and the
database user may create it; without it the search still works, unindexed)."""

import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, connection, migrations, models, transaction

from sociale_kaart.search import document

INDEX = "sociale_kaart_searchdoc_trgm"


def _available(connection, query: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone() is not None


class TrigramExtensionWhereAvailable(TrigramExtension):
    """CREATE EXTENSION pg_trgm, only on PostgreSQL, only when the server offers it, and
    without failing the migration when the user lacks the right (then: no index)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        connection = schema_editor.connection
        if connection.vendor != "postgresql" or not _available(
            connection, "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
        ):
            return
        try:
            with transaction.atomic(using=connection.alias):
                super().database_forwards(app_label, schema_editor, from_state, to_state)
        except DatabaseError:
            return

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # Leave the extension: other indexes or database objects may use it.
        return


def _connection(schema_editor):
    # The browser tests run the data steps again without a schema editor (tests/e2e).
    return schema_editor.connection if schema_editor is not None else connection


def create_index(apps, schema_editor):
    db = _connection(schema_editor)
    if db.vendor != "postgresql" or not _available(
        db, "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"
    ):
        return
    with db.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON sociale_kaart_searchdocument "
            "USING gin (text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    db = _connection(schema_editor)
    if db.vendor == "postgresql":
        with db.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def fill(apps, schema_editor):
    Organisation = apps.get_model("sociale_kaart", "Organisation")
    SearchDocument = apps.get_model("sociale_kaart", "SearchDocument")
    parts = {}
    for pk, name, services, town in Organisation.objects.values_list(
        "pk", "name", "services", "town"
    ):
        parts[pk] = [name, services, town]
    for pk, name, code in Organisation.themes.through.objects.values_list(
        "organisation_id", "theme__name", "theme__code"
    ):
        parts[pk] += [name, code]
    ContactPerson = apps.get_model("sociale_kaart", "ContactPerson")
    for pk, name, role in ContactPerson.objects.values_list("organisation_id", "name", "role"):
        parts[pk] += [name, role]
    SearchDocument.objects.bulk_create(
        [SearchDocument(organisation_id=pk, text=document(*texts)) for pk, texts in parts.items()],
        batch_size=1000,
        ignore_conflicts=True,  # run again (tests/e2e): the texts already there stay
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sociale_kaart", "0003_logbook_shape"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "organisation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="sociale_kaart.organisation",
                        verbose_name="organisation",
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="search text")),
            ],
            options={
                "verbose_name": "search text",
                "verbose_name_plural": "search texts",
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        TrigramExtensionWhereAvailable(),
        migrations.RunPython(create_index, drop_index),
    ]
