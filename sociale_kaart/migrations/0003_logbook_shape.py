# The logbook's fields renamed to the shape every logbook shares (accounts.logbook):
# by, at, kind, text. RenameField keeps the rows; the table stays.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sociale_kaart", "0002_default_themes"),
    ]

    operations = [
        migrations.RenameField(
            model_name="organisationlogentry", old_name="action", new_name="kind"
        ),
        migrations.RenameField(
            model_name="organisationlogentry", old_name="summary", new_name="text"
        ),
        migrations.AlterField(
            model_name="organisationlogentry",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="when"),
        ),
        migrations.AlterField(
            model_name="organisationlogentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "created"),
                    ("updated", "changed"),
                    ("verified", "verified"),
                    ("archived", "archived"),
                    ("restored", "restored"),
                    ("contact_added", "contact person added"),
                    ("contact_changed", "contact person changed"),
                    ("contact_removed", "contact person removed"),
                ],
                max_length=20,
                verbose_name="what",
            ),
        ),
        migrations.AlterField(
            model_name="organisationlogentry",
            name="text",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
    ]
