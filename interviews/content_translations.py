"""The default core values and question bank in the languages PassionHire ships them in
(content_<language>.py): `install_bank_translations` fills each value's and question's
`translations` from the tables where the whole text (every probe, for a question) is known.
It takes `get_model`, so the data migration can run it with historical models; a text that
already has a translation in a language keeps it."""

from .content_es import ES

SHIPPED = {"es": ES}
FIELDS = {"CoreValue": ("name", "description"), "BankQuestion": ("text", "probes")}


def _translated(value, table: dict[str, str]):
    """The translation of a text, or of every text in a list; None if any is unknown."""
    if isinstance(value, list):
        texts = [table.get(v) for v in value]
        return None if None in texts else texts
    return table.get(value) if value else value


def install_bank_translations(get_model) -> int:
    """How many values and questions got a translation."""
    made = 0
    for model_name, fields in FIELDS.items():
        model = get_model("interviews", model_name)
        for row in model.objects.all():
            changed = False
            for language, table in SHIPPED.items():
                if language in row.translations:
                    continue
                texts = {field: _translated(getattr(row, field), table) for field in fields}
                if all(text is not None for text in texts.values()):
                    row.translations[language] = texts
                    changed = True
            if changed:
                row.save(update_fields=["translations"])
                made += 1
    return made
