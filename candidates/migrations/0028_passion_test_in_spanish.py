"""The default Passion Test's versions in Spanish (candidates/passion_test/content_es.py),
published where the table covers the whole version."""

from django.db import migrations


def install(apps, schema_editor):
    from candidates.passion_test.content_translations import install_content_translations

    install_content_translations(apps.get_model)


def remove(apps, schema_editor):
    apps.get_model("candidates", "QuestionnaireTranslation").objects.filter(
        responses__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("candidates", "0027_questionnaire_translation")]

    operations = [migrations.RunPython(install, remove)]
