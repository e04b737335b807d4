# The logbook's fields renamed to the shape every logbook shares (accounts.logbook):
# by, at, kind, text. RenameField keeps the rows; the table stays.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("koppelingen", "0004_logentry_task_withdrawn")]

    operations = [
        migrations.RenameField(model_name="logentry", old_name="actor", new_name="by"),
    ]
