# The logbook's fields renamed to the shape every logbook shares (accounts.logbook):
# by, at, kind, text. RenameField keeps the rows; the table stays.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vrijwilligers", "0001_initial"),
        ("accounts", "0002_village_desk_contact"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="volunteerchange", old_name="changed_by", new_name="by"),
        migrations.RenameField(model_name="volunteerchange", old_name="changed_at", new_name="at"),
        migrations.RenameField(model_name="volunteerchange", old_name="action", new_name="kind"),
        migrations.RenameField(model_name="volunteerchange", old_name="note", new_name="text"),
        migrations.AlterModelOptions(
            name="volunteerchange",
            options={
                "ordering": ["-at", "-pk"],
                "verbose_name": "change",
                "verbose_name_plural": "changes",
            },
        ),
        migrations.RemoveIndex(
            model_name="volunteerchange",
            name="vrijwillige_volunte_e93e79_idx",
        ),
        migrations.RemoveIndex(
            model_name="volunteerchange",
            name="vrijwillige_village_6d8a93_idx",
        ),
        migrations.AlterField(
            model_name="volunteerchange",
            name="text",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AddIndex(
            model_name="volunteerchange",
            index=models.Index(fields=["volunteer", "at"], name="vrijwillige_volunte_55183c_idx"),
        ),
        migrations.AddIndex(
            model_name="volunteerchange",
            index=models.Index(
                fields=["village", "by_volunteer", "at"], name="vrijwillige_village_b5db8a_idx"
            ),
        ),
    ]
