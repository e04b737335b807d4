from django.db import migrations

# The themes village desks use to sort their social map; the beheerder can rename, reorder,
# deactivate or add to them. Codes are stable identifiers.
DEFAULT_THEMES = [
    ("wonen", "Wonen"),
    ("welzijn", "Welzijn"),
    ("zorg", "Zorg"),
    ("vervoer", "Vervoer"),
    ("geld", "Geld"),
    ("eenzaamheid", "Eenzaamheid"),
    ("digitaal", "Digitaal"),
]


def add_defaults(apps, schema_editor):
    Theme = apps.get_model("sociale_kaart", "Theme")
    for order, (code, name) in enumerate(DEFAULT_THEMES, start=1):
        Theme.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("sociale_kaart", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
