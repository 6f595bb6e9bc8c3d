"""The default core values and question bank in Spanish (interviews/content_es.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from interviews.content_translations import install_bank_translations

    install_bank_translations(apps.get_model)


def remove(apps, schema_editor):
    for name in ("CoreValue", "BankQuestion"):
        for row in apps.get_model("interviews", name).objects.exclude(translations={}):
            row.translations.pop("es", None)
            row.save(update_fields=["translations"])


class Migration(migrations.Migration):
    dependencies = [("interviews", "0004_translations")]

    operations = [migrations.RunPython(install, remove)]
