"""Create the Compliance staff group: who reads fairness reports (StaffRole.COMPLIANCE)."""

from django.db import migrations

NAME = "Compliance"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=NAME)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("passionhire", "0005_email_templates")]

    operations = [migrations.RunPython(create_group, remove_group)]
