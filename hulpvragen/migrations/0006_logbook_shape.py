# The logbook's fields renamed to the shape every logbook shares (accounts.logbook):
# by, at, kind, text. RenameField keeps the rows; the table stays.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hulpvragen", "0005_social_map_links"),
        ("accounts", "0002_village_desk_contact"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="statuschange", old_name="changed_by", new_name="by"),
        migrations.RenameField(model_name="statuschange", old_name="changed_at", new_name="at"),
        migrations.RenameField(model_name="statuschange", old_name="to_status", new_name="kind"),
        migrations.RenameField(model_name="statuschange", old_name="note", new_name="text"),
        migrations.AlterModelOptions(
            name="statuschange",
            options={
                "ordering": ["at", "pk"],
                "verbose_name": "status change",
                "verbose_name_plural": "status changes",
            },
        ),
        migrations.RemoveIndex(
            model_name="statuschange",
            name="hulpvragen__help_re_af8945_idx",
        ),
        migrations.RemoveIndex(
            model_name="statuschange",
            name="hulpvragen__village_619ae6_idx",
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(
                fields=["help_request", "at"], name="hulpvragen__help_re_b279f4_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(fields=["village", "at"], name="hulpvragen__village_87d7f3_idx"),
        ),
    ]
