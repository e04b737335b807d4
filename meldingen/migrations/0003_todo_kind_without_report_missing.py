from django.db import migrations, models


def report_missing_to_follow_up(apps, schema_editor):
    """No code ever made a "no report back" to-do, but the admin could: such a to-do becomes
    a follow-up call (ringing after a task to hear how it went), so that nothing on the list
    is lost."""
    Todo = apps.get_model("meldingen", "Todo")
    Todo.objects.filter(kind="report_missing").update(kind="follow_up")


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0002_todo_done_note"),
    ]

    operations = [
        migrations.RunPython(report_missing_to_follow_up, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="todo",
            name="kind",
            field=models.CharField(
                choices=[
                    ("follow_up", "follow-up call"),
                    ("escalation", "request waits too long"),
                    ("unanswered", "invitation not answered"),
                    ("review", "review recurring request"),
                    ("failed_notification", "message could not be sent"),
                    ("stale_social_map", "check social map entry"),
                    ("confirmation", "volunteer did not confirm details"),
                    ("overdue_loan", "loan overdue"),
                ],
                max_length=24,
                verbose_name="kind",
            ),
        ),
    ]
