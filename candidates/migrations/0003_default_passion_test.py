from django.db import migrations


def install(apps, schema_editor):
    from candidates.passion_test_content import install_default_questionnaire

    install_default_questionnaire(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0002_passion_test")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
