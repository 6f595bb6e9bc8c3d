from django.db import migrations


def install(apps, schema_editor):
    from interviews.content import install_default_bank

    install_default_bank(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
