# The logbook's fields renamed to the shape every logbook shares (accounts.logbook):
# by, at, kind, text. RenameField keeps the rows; the table stays.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activiteiten", "0002_default_kinds"),
    ]

    operations = [
        migrations.RenameField(model_name="activitylogentry", old_name="action", new_name="kind"),
        migrations.RenameField(model_name="activitylogentry", old_name="summary", new_name="text"),
        migrations.AlterField(
            model_name="activitylogentry",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="when"),
        ),
        migrations.AlterField(
            model_name="activitylogentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "recorded"),
                    ("changed", "changed"),
                    ("volunteers", "volunteers changed"),
                ],
                max_length=20,
                verbose_name="what",
            ),
        ),
        migrations.AlterField(
            model_name="activitylogentry",
            name="text",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
    ]
