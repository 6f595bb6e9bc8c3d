"""Content an organisation writes once and reads in several languages (a core value, a bank
question, a role's description, a knock-out question): a `translations` field beside the
original, read in the reader's language (docs/i18n.md says why not a library).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language


class InLanguages(models.Model):
    """Content an organisation writes once and reads in several languages: `translations` holds
    {language: {field: text}} and `shown(field)` is the field in the reader's language, the
    original (English) where there is no translation (docs/i18n.md)."""

    translations = models.JSONField(
        default=dict, blank=True, help_text="{language: {field: translated text}}"
    )

    class Meta:
        abstract = True

    def shown(self, field: str, language: str | None = None):
        language = language or get_language() or settings.LANGUAGE_CODE
        translated = self.translations.get(language, {}).get(field)
        return translated if translated else getattr(self, field)

    # For templates, which can't pass an argument: `{{ role.shown_title }}`.
    shown_title = property(lambda self: self.shown("title"))
    shown_name = property(lambda self: self.shown("name"))
    shown_description = property(lambda self: self.shown("description"))
    shown_text = property(lambda self: self.shown("text"))
    shown_probes = property(lambda self: self.shown("probes"))

    def set_translations(self, language: str, texts: dict) -> None:
        """Keep the non-empty `texts` ({field: text}) in `language` beside the ones already
        there; an empty one removes that field's translation."""
        kept = {k: v for k, v in {**self.translations.get(language, {}), **texts}.items() if v}
        others = {k: v for k, v in self.translations.items() if k != language}
        self.translations = {**others, language: kept} if kept else others

    def forget_translations(self, before: dict) -> None:
        """After an edit: drop the translations of each field whose original changed from
        `before` ({field: old value}), so readers see the new original, not an old translation."""
        changed = {field for field, old in before.items() if getattr(self, field) != old}
        kept = {}
        for language, texts in self.translations.items():
            left = {field: text for field, text in texts.items() if field not in changed}
            if left:
                kept[language] = left
        self.translations = kept
