from django.db import migrations

# The kinds of help a village desk typically sees; the beheerder can rename, reorder,
# deactivate or add to them. Codes are stable: imports and the yearly overview use them.
DEFAULT_CATEGORIES = [
    ("vervoer", "Vervoer", True),
    ("klus", "Klussen", False),
    ("tuin", "Tuin", False),
    ("boodschappen", "Boodschappen", False),
    ("gezelschap", "Gezelschap", False),
    ("administratie", "Administratie", False),
    ("digitaal", "Digitale hulp", False),
    ("overig", "Overig", False),
]


def add_defaults(apps, schema_editor):
    HelpCategory = apps.get_model("hulpvragen", "HelpCategory")
    for order, (code, name, is_transport) in enumerate(DEFAULT_CATEGORIES, start=1):
        HelpCategory.objects.get_or_create(
            code=code, defaults={"name": name, "is_transport": is_transport, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
