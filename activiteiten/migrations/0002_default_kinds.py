from django.db import migrations

# What desks send volunteers to besides help requests; the beheerder can rename, reorder,
# deactivate or add to them. Codes are stable identifiers (the yearly overview counts per code).
DEFAULT_KINDS = [
    ("voedselbankcollecte", "Voedselbankcollecte"),
    ("fittest", "Fittest"),
    ("eenzaamheidspact", "Eenzaamheidspact"),
    ("flyerronde", "Flyerronde"),
    ("koffieochtend", "Koffieochtend"),
    ("overig", "Overige activiteit"),
]


def add_defaults(apps, schema_editor):
    ActivityKind = apps.get_model("activiteiten", "ActivityKind")
    for order, (code, name) in enumerate(DEFAULT_KINDS, start=1):
        ActivityKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("activiteiten", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
