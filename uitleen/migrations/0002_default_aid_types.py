from django.db import migrations

# The aids village desks lend; the beheerder can rename, reorder, deactivate or add to them.
# Codes are stable identifiers (the yearly overview counts loans per code).
DEFAULT_AID_TYPES = [
    ("rolstoel", "Rolstoel", 6),
    ("rollator", "Rollator", 8),
    ("krukken", "Krukken", 6),
    ("douchestoel", "Douchestoel", 8),
    ("looprek", "Looprek", 8),
    ("toiletverhoger", "Toiletverhoger", 8),
]


def add_defaults(apps, schema_editor):
    AidType = apps.get_model("uitleen", "AidType")
    for order, (code, name, weeks) in enumerate(DEFAULT_AID_TYPES, start=1):
        AidType.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "default_loan_weeks": weeks}
        )


class Migration(migrations.Migration):
    dependencies = [("uitleen", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
