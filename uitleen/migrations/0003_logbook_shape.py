# The logbook's fields renamed to the shape every logbook shares (accounts.logbook):
# by, at, kind, text. RenameField keeps the rows; the table stays.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("uitleen", "0002_default_aid_types"),
    ]

    operations = [
        migrations.RenameField(model_name="logentry", old_name="action", new_name="kind"),
        migrations.RenameField(model_name="logentry", old_name="summary", new_name="text"),
        migrations.AlterField(
            model_name="logentry",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="when"),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("item_added", "aid added"),
                    ("item_changed", "aid changed"),
                    ("status_changed", "status changed"),
                    ("lent", "lent"),
                    ("returned", "taken back"),
                    ("loan_changed", "loan changed"),
                    ("handout_added", "handout added"),
                    ("handout_changed", "handout changed"),
                    ("handout_counted", "handouts counted"),
                ],
                max_length=20,
                verbose_name="what",
            ),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="text",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
    ]
