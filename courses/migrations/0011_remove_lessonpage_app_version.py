"""The lesson's app version now lives on each step (0010 moved it there)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0010_step_app_versions"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="lessonpage",
            name="app_version",
        ),
    ]
